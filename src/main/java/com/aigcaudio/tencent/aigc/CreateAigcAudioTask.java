package com.aigcaudio.tencent.aigc;

import com.aigcaudio.tencent.client.ApiRequest;

/** A CreateAigcAudioTask request on either product; answered with a TaskId. */
public interface CreateAigcAudioTask extends ApiRequest {
    String ACTION = "CreateAigcAudioTask";

    @Override
    default String action() {
        return ACTION;
    }

    String prompt();
}
