package com.aigcaudio.tencent.aigc;

import com.aigcaudio.core.Service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** VOD (2018-07-17) CreateAigcAudioTask. */
public final class VodAudioTask extends AudioTaskBase {
    private final Long subAppId;
    private final List<VodMediaReference> videoInfos;
    private final List<VodMediaReference> audioInfos;
    private final VodOutputConfig outputConfig;

    private VodAudioTask(Builder b) {
        super(b);
        this.subAppId = b.subAppId;
        this.videoInfos = Collections.unmodifiableList(new ArrayList<>(b.videoInfos));
        this.audioInfos = Collections.unmodifiableList(new ArrayList<>(b.audioInfos));
        this.outputConfig = b.outputConfig;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Service service() {
        return Service.VOD;
    }

    public Long subAppId() {
        return subAppId;
    }

    public List<VodMediaReference> videoInfos() {
        return videoInfos;
    }

    public List<VodMediaReference> audioInfos() {
        return audioInfos;
    }

    public VodOutputConfig outputConfig() {
        return outputConfig;
    }

    @Override
    public void validate() {
        Checks.range("SubAppId", subAppId, 1, Long.MAX_VALUE);
        validateCommon();
        for (int i = 0; i < videoInfos.size(); i++) {
            videoInfos.get(i).validate("VideoInfos[" + i + "]");
        }
        for (int i = 0; i < audioInfos.size(); i++) {
            audioInfos.get(i).validate("AudioInfos[" + i + "]");
        }
        if (outputConfig != null) {
            outputConfig.validate();
        }
        Checks.hasInput(prompt(), videoInfos, audioInfos);
    }

    @Override
    public Object toJsonValue() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("SubAppId", subAppId);
        json.putAll(commonJson());
        json.put("VideoInfos", videoInfos.isEmpty() ? null : videoInfos);
        json.put("AudioInfos", audioInfos.isEmpty() ? null : audioInfos);
        json.put("OutputConfig", outputConfig == null || outputConfig.isEmpty() ? null : outputConfig);
        json.put("AdditionalParameters", additionalParameters());
        return json;
    }

    public static final class Builder extends AudioTaskBase.Builder<Builder> {
        private Long subAppId;
        private final List<VodMediaReference> videoInfos = new ArrayList<>();
        private final List<VodMediaReference> audioInfos = new ArrayList<>();
        private VodOutputConfig outputConfig;

        @Override
        protected Builder self() {
            return this;
        }

        public Builder subAppId(Long value) {
            subAppId = value;
            return this;
        }

        public Builder addVideo(VodMediaReference reference) {
            videoInfos.add(reference);
            return this;
        }

        public Builder addAudio(VodMediaReference reference) {
            audioInfos.add(reference);
            return this;
        }

        public Builder outputConfig(VodOutputConfig value) {
            outputConfig = value;
            return this;
        }

        public VodAudioTask build() {
            return new VodAudioTask(this);
        }
    }
}
