package com.aigcaudio.plan;

import com.aigcaudio.config.ConfigurationException;
import com.aigcaudio.config.Settings;
import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;
import com.aigcaudio.tencent.client.Service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configured task parameters, held in the service's API vocabulary so that a trigger's own parameters can be
 * laid over them and read by one {@link TaskSpecReader}.
 */
public final class TaskDefaults {
    private static final Map<String, String> FIELD_VARIABLES = Map.ofEntries(
            Map.entry("ModelName", "AIGC_MODEL_NAME"), Map.entry("ModelVersion", "AIGC_MODEL_VERSION"),
            Map.entry("SceneType", "AIGC_SCENE_TYPE"), Map.entry("OutputConfig.MediaName", "AIGC_VOD_MEDIA_NAME"),
            Map.entry("OutputConfig.ExpireTime", "AIGC_VOD_EXPIRE_TIME"), Map.entry("Operator", "AIGC_MPS_OPERATOR"),
            Map.entry("StoreCosParam.CosBucketPath", "AIGC_MPS_COS_PATH"),
            Map.entry("ExtraParameters.ResourceId", "AIGC_MPS_RESOURCE_ID"));

    private final Service service;
    private final Map<String, Object> parameters;
    private final PromptTemplate prompt;

    TaskDefaults(Service service, Map<String, Object> parameters, PromptTemplate prompt) {
        this.service = service;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.prompt = prompt;
    }

    public static TaskDefaults from(Settings s, Service service) {
        Map<String, Object> p = new LinkedHashMap<>();
        put(p, "ModelName", s.string("AIGC_MODEL_NAME"));
        put(p, "ModelVersion", s.string("AIGC_MODEL_VERSION"));
        put(p, "SceneType", s.string("AIGC_SCENE_TYPE"));
        String additional = s.string("AIGC_ADDITIONAL_PARAMETERS");
        if (additional != null) {
            try {
                if (!(Json.parse(additional) instanceof Map)) {
                    throw new ConfigurationException("AIGC_ADDITIONAL_PARAMETERS", "must be a JSON object");
                }
            } catch (JsonSyntaxException e) {
                throw new ConfigurationException("AIGC_ADDITIONAL_PARAMETERS", "must be a JSON object (" + e.getMessage() + ")");
            }
            p.put("AdditionalParameters", additional);
        }
        String format = s.oneOf("AIGC_OUTPUT_AUDIO_FORMAT", null, "mp3", "wav");
        if (service == Service.VOD) {
            onlyFor(s, "mps", "AIGC_MPS_COS_BUCKET", "AIGC_MPS_COS_REGION", "AIGC_MPS_COS_PATH", "AIGC_MPS_RESOURCE_ID",
                    "AIGC_MPS_OPERATOR");
            put(p, "SubAppId", s.optionalLong("AIGC_VOD_SUB_APP_ID", 1, Long.MAX_VALUE));
            Map<String, Object> out = new LinkedHashMap<>();
            put(out, "StorageMode", s.oneOf("AIGC_VOD_STORAGE_MODE", null, "Temporary", "Permanent"));
            put(out, "MediaName", s.string("AIGC_VOD_MEDIA_NAME"));
            put(out, "ClassId", s.optionalLong("AIGC_VOD_CLASS_ID", 0, Long.MAX_VALUE));
            put(out, "ExpireTime", s.string("AIGC_VOD_EXPIRE_TIME"));
            put(out, "Duration", s.optionalLong("AIGC_VOD_DURATION", 0, 60));
            put(out, "OutputAudioFormat", format);
            if (!out.isEmpty()) {
                p.put("OutputConfig", out);
            }
        } else {
            onlyFor(s, "vod", "AIGC_VOD_SUB_APP_ID", "AIGC_VOD_STORAGE_MODE", "AIGC_VOD_MEDIA_NAME", "AIGC_VOD_CLASS_ID",
                    "AIGC_VOD_EXPIRE_TIME", "AIGC_VOD_DURATION");
            put(p, "OutputAudioFormat", format);
            String bucket = s.string("AIGC_MPS_COS_BUCKET");
            if (bucket != null) {
                Map<String, Object> cos = new LinkedHashMap<>();
                cos.put("CosBucketName", bucket);
                cos.put("CosBucketRegion", s.string("AIGC_MPS_COS_REGION", s.string("TENCENTCLOUD_REGION")));
                put(cos, "CosBucketPath", s.string("AIGC_MPS_COS_PATH"));
                if (cos.get("CosBucketRegion") == null) {
                    throw new ConfigurationException("AIGC_MPS_COS_REGION", "required with AIGC_MPS_COS_BUCKET "
                            + "(or set TENCENTCLOUD_REGION)");
                }
                p.put("StoreCosParam", cos);
            } else {
                onlyWith(s, "AIGC_MPS_COS_BUCKET", "AIGC_MPS_COS_REGION", "AIGC_MPS_COS_PATH");
            }
            String resourceId = s.string("AIGC_MPS_RESOURCE_ID");
            if (resourceId != null) {
                p.put("ExtraParameters", Map.of("ResourceId", resourceId));
            }
            put(p, "Operator", s.string("AIGC_MPS_OPERATOR"));
        }
        TaskDefaults defaults = new TaskDefaults(service, p, PromptTemplate.parse("AIGC_PROMPT", s.string("AIGC_PROMPT")));
        defaults.checkReadable();
        return defaults;
    }

    /** Reads the defaults with a stand-in prompt so that a bad value fails at start, named by its parameter. */
    private void checkReadable() {
        Map<String, Object> probe = new LinkedHashMap<>(parameters);
        probe.put("Prompt", "configuration check");
        try {
            TaskSpecReader.read(service, probe);
        } catch (com.aigcaudio.tencent.client.InvalidRequestException e) {
            throw new ConfigurationException(FIELD_VARIABLES.getOrDefault(e.field(), e.field()), e.getMessage());
        }
    }

    private static void onlyFor(Settings s, String service, String... names) {
        for (String name : names) {
            if (s.string(name) != null) {
                throw new ConfigurationException(name, "applies only when AIGC_SERVICE=" + service);
            }
        }
    }

    private static void onlyWith(Settings s, String required, String... names) {
        for (String name : names) {
            if (s.string(name) != null) {
                throw new ConfigurationException(name, "has no effect without " + required);
            }
        }
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    public Service service() {
        return service;
    }

    /** The configured parameters, in API vocabulary. */
    public Map<String, Object> parameters() {
        return parameters;
    }

    /** The prompt template, or null. */
    public PromptTemplate prompt() {
        return prompt;
    }

    /** MPS StoreCosParam as configured, or null. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> storeCosParam() {
        return (Map<String, Object>) parameters.get("StoreCosParam");
    }

    /** MPS StoreCosParam's bucket (MPS writes results there itself), or null. */
    public String mpsOutputBucket() {
        Map<String, Object> store = storeCosParam();
        return store == null ? null : (String) store.get("CosBucketName");
    }

    /** VOD SubAppId as configured, or null: status queries name the same application. */
    public Long subAppId() {
        Object id = parameters.get("SubAppId");
        return id instanceof Number ? ((Number) id).longValue() : null;
    }
}
