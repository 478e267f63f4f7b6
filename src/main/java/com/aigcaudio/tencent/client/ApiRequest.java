package com.aigcaudio.tencent.client;

import com.aigcaudio.core.JsonWritable;
import com.aigcaudio.core.Service;

/**
 * One Tencent Cloud API action with its parameters. Adding an action means one class like this: its name, the
 * product, and the JSON body (absent parameters left out, since the API rejects unknown or null ones).
 */
public interface ApiRequest extends JsonWritable {
    Service service();

    String action();

    /** Checks the parameters locally; throws an exception naming the field before any call is made. */
    void validate();

    /**
     * The action's own request budget per second, since the API limits each action separately; 0 means the
     * client's configured budget (CreateAigcAudioTask's).
     */
    default int requestsPerSecond() {
        return 0;
    }

    /**
     * Whether sending it twice does no harm (a status query). Only such a request is sent again after an answer that
     * did not come from the service or was lost; any other is never resent once its bytes may have left.
     */
    default boolean idempotent() {
        return false;
    }
}
