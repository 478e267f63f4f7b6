package com.aigcaudio.tencent.aigc;

import com.aigcaudio.core.JsonWritable;


import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** VOD's AigcAudioOutputConfig. Every field is optional. */
public final class VodOutputConfig implements JsonWritable {
    private final String storageMode;
    private final String mediaName;
    private final Long classId;
    private final String expireTime;
    private final Long duration;
    private final String outputAudioFormat;

    private VodOutputConfig(Builder b) {
        this.storageMode = b.storageMode;
        this.mediaName = b.mediaName;
        this.classId = b.classId;
        this.expireTime = b.expireTime;
        this.duration = b.duration;
        this.outputAudioFormat = b.outputAudioFormat;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().storageMode(storageMode).mediaName(mediaName).classId(classId)
                .expireTime(expireTime).duration(duration).outputAudioFormat(outputAudioFormat);
    }

    public boolean isEmpty() {
        return storageMode == null && mediaName == null && classId == null && expireTime == null && duration == null
                && outputAudioFormat == null;
    }

    void validate() {
        Checks.oneOf("OutputConfig.StorageMode", storageMode, List.of("Temporary", "Permanent"));
        Checks.notBlank("OutputConfig.MediaName", mediaName);
        Checks.maxChars("OutputConfig.MediaName", mediaName, 64);
        Checks.printable("OutputConfig.MediaName", mediaName);
        Checks.range("OutputConfig.ClassId", classId, 0, Long.MAX_VALUE);
        Checks.isoDateTime("OutputConfig.ExpireTime", expireTime);
        Checks.range("OutputConfig.Duration", duration, 0, 60);
        Checks.audioFormat("OutputConfig.OutputAudioFormat", outputAudioFormat);
    }

    @Override
    public Object toJsonValue() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("StorageMode", storageMode);
        json.put("MediaName", mediaName);
        json.put("ClassId", classId);
        json.put("ExpireTime", expireTime);
        json.put("Duration", duration);
        json.put("OutputAudioFormat", outputAudioFormat);
        return json;
    }

    public static final class Builder {
        private String storageMode;
        private String mediaName;
        private Long classId;
        private String expireTime;
        private Long duration;
        private String outputAudioFormat;

        public Builder storageMode(String value) {
            storageMode = value;
            return this;
        }

        public Builder mediaName(String value) {
            mediaName = value;
            return this;
        }

        public Builder classId(Long value) {
            classId = value;
            return this;
        }

        public Builder expireTime(String value) {
            expireTime = value;
            return this;
        }

        public Builder duration(Long value) {
            duration = value;
            return this;
        }

        public Builder outputAudioFormat(String value) {
            outputAudioFormat = value;
            return this;
        }

        public VodOutputConfig build() {
            return new VodOutputConfig(this);
        }
    }
}
