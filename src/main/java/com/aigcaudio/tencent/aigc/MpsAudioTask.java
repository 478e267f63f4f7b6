package com.aigcaudio.tencent.aigc;

import com.aigcaudio.core.Service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * MPS (2019-06-12) CreateAigcAudioTask. Reference media are plain URLs (VideoInfos[].VideoUrl,
 * AudioInfos[].AudioUrl) and ExtraParameters has the single field ResourceId.
 */
public final class MpsAudioTask extends AudioTaskBase {
    private final List<String> videoUrls;
    private final List<String> audioUrls;
    private final String outputAudioFormat;
    private final MpsStoreCosParam storeCosParam;
    private final String resourceId;
    private final String operator;

    private MpsAudioTask(Builder b) {
        super(b);
        this.videoUrls = Collections.unmodifiableList(new ArrayList<>(b.videoUrls));
        this.audioUrls = Collections.unmodifiableList(new ArrayList<>(b.audioUrls));
        this.outputAudioFormat = b.outputAudioFormat;
        this.storeCosParam = b.storeCosParam;
        this.resourceId = b.resourceId;
        this.operator = b.operator;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Service service() {
        return Service.MPS;
    }

    public List<String> videoUrls() {
        return videoUrls;
    }

    public List<String> audioUrls() {
        return audioUrls;
    }

    public String outputAudioFormat() {
        return outputAudioFormat;
    }

    public MpsStoreCosParam storeCosParam() {
        return storeCosParam;
    }

    public String resourceId() {
        return resourceId;
    }

    public String operator() {
        return operator;
    }

    @Override
    public void validate() {
        validateCommon();
        for (int i = 0; i < videoUrls.size(); i++) {
            Checks.httpUrl("VideoInfos[" + i + "].VideoUrl", videoUrls.get(i));
        }
        for (int i = 0; i < audioUrls.size(); i++) {
            Checks.httpUrl("AudioInfos[" + i + "].AudioUrl", audioUrls.get(i));
        }
        Checks.audioFormat("OutputAudioFormat", outputAudioFormat);
        if (storeCosParam != null) {
            storeCosParam.validate();
        }
        Checks.notBlank("ExtraParameters.ResourceId", resourceId);
        Checks.notBlank("Operator", operator);
        Checks.printable("Operator", operator);
        Checks.hasInput(prompt(), videoUrls, audioUrls);
    }

    @Override
    public Object toJsonValue() {
        Map<String, Object> json = commonJson();
        json.put("VideoInfos", urls(videoUrls, "VideoUrl"));
        json.put("AudioInfos", urls(audioUrls, "AudioUrl"));
        json.put("OutputAudioFormat", outputAudioFormat);
        json.put("StoreCosParam", storeCosParam);
        json.put("ExtraParameters", resourceId == null ? null : Map.of("ResourceId", resourceId));
        json.put("AdditionalParameters", additionalParameters());
        json.put("Operator", operator);
        return json;
    }

    private static List<Map<String, String>> urls(List<String> urls, String field) {
        if (urls.isEmpty()) {
            return null;
        }
        List<Map<String, String>> structs = new ArrayList<>(urls.size());
        for (String url : urls) {
            structs.add(Map.of(field, url));
        }
        return structs;
    }

    public static final class Builder extends AudioTaskBase.Builder<Builder> {
        private final List<String> videoUrls = new ArrayList<>();
        private final List<String> audioUrls = new ArrayList<>();
        private String outputAudioFormat;
        private MpsStoreCosParam storeCosParam;
        private String resourceId;
        private String operator;

        @Override
        protected Builder self() {
            return this;
        }

        public Builder addVideoUrl(String url) {
            videoUrls.add(url);
            return this;
        }

        public Builder addAudioUrl(String url) {
            audioUrls.add(url);
            return this;
        }

        public Builder outputAudioFormat(String value) {
            outputAudioFormat = value;
            return this;
        }

        public Builder storeCosParam(MpsStoreCosParam value) {
            storeCosParam = value;
            return this;
        }

        /** ExtraParameters.ResourceId. */
        public Builder resourceId(String value) {
            resourceId = value;
            return this;
        }

        public Builder operator(String value) {
            operator = value;
            return this;
        }

        public MpsAudioTask build() {
            return new MpsAudioTask(this);
        }
    }
}
