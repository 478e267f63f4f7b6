package com.aigcaudio.tencent.aigc;

import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters CreateAigcAudioTask has on both products; the builders share them through {@link Builder}. */
public abstract class AudioTaskBase implements CreateAigcAudioTask {
    private final String modelName;
    private final String modelVersion;
    private final String sceneType;
    private final String prompt;
    private final String additionalParameters;

    AudioTaskBase(Builder<?> b) {
        this.modelName = b.modelName;
        this.modelVersion = b.modelVersion;
        this.sceneType = b.sceneType;
        this.prompt = b.prompt;
        this.additionalParameters = b.additionalParameters;
    }

    public String modelName() {
        return modelName;
    }

    public String modelVersion() {
        return modelVersion;
    }

    public String sceneType() {
        return sceneType;
    }

    @Override
    public String prompt() {
        return prompt;
    }

    public String additionalParameters() {
        return additionalParameters;
    }

    void validateCommon() {
        Checks.notBlank("ModelName", modelName);
        Checks.notBlank("ModelVersion", modelVersion);
        Checks.notBlank("SceneType", sceneType);
        Checks.prompt(prompt);
        Checks.jsonObject("AdditionalParameters", additionalParameters);
    }

    /** The common fields, in the API's documented order, for subclasses to extend. */
    Map<String, Object> commonJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ModelName", modelName);
        json.put("ModelVersion", modelVersion);
        json.put("SceneType", sceneType);
        json.put("Prompt", prompt);
        return json;
    }

    public abstract static class Builder<B extends Builder<B>> {
        private String modelName;
        private String modelVersion;
        private String sceneType;
        private String prompt;
        private String additionalParameters;

        public B modelName(String value) {
            modelName = value;
            return self();
        }

        public B modelVersion(String value) {
            modelVersion = value;
            return self();
        }

        public B sceneType(String value) {
            sceneType = value;
            return self();
        }

        public B prompt(String value) {
            prompt = value;
            return self();
        }

        /** This builder as its own type, so that setters chain across both levels. */
        protected abstract B self();

        /** Model-specific extras: a JSON object serialised as a string. */
        public B additionalParameters(String value) {
            additionalParameters = value;
            return self();
        }
    }
}
