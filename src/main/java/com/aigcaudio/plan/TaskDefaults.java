package com.aigcaudio.plan;

import com.aigcaudio.config.Location;
import com.aigcaudio.config.Settings;
import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.core.Service;
import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configured task parameters, held in the service's API vocabulary so that a trigger's own parameters can be
 * laid over them and read by one {@link TaskSpecReader}.
 */
public final class TaskDefaults {
    private final Service service;
    private final Map<String, Object> parameters;
    private final PromptTemplate prompt;

    TaskDefaults(Service service, Map<String, Object> parameters, PromptTemplate prompt) {
        this.service = service;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.prompt = prompt;
    }

    /**
     * Reads AIGC_TASK_DEFAULTS (one JSON object in the API's own vocabulary, laid under every request), AIGC_MPS_OUTPUT
     * (MPS StoreCosParam as a cos:// location) and AIGC_PROMPT (a template with placeholders). A bad value stops the
     * start with the same message an HTTP body would get, naming the field.
     */
    public static TaskDefaults from(Settings s, Service service) {
        Map<String, Object> p = new LinkedHashMap<>();
        String json = s.string("AIGC_TASK_DEFAULTS");
        if (json != null) {
            Object parsed;
            try {
                parsed = Json.parse(json);
            } catch (JsonSyntaxException e) {
                throw new ConfigurationException("AIGC_TASK_DEFAULTS", "must be a JSON object (" + e.getMessage()
                        + "), e.g. "
                        + EXAMPLE);
            }
            if (!(parsed instanceof Map)) {
                throw new ConfigurationException("AIGC_TASK_DEFAULTS", "must be a JSON object, e.g. " + EXAMPLE);
            }
            for (Map.Entry<?, ?> field : ((Map<?, ?>) parsed).entrySet()) {
                p.put(String.valueOf(field.getKey()), field.getValue());
            }
            if (p.containsKey("Prompt")) {
                throw new ConfigurationException("AIGC_TASK_DEFAULTS", "Prompt does not belong here: set AIGC_PROMPT, "
                        + "a template with placeholders such as {filename}");
            }
        }
        String output = s.string("AIGC_MPS_OUTPUT");
        if (output != null) {
            p.put("StoreCosParam", storeCosParam(s, service, output, p));
        }
        TaskDefaults defaults = new TaskDefaults(service, p, PromptTemplate.parse("AIGC_PROMPT", s.string(
                "AIGC_PROMPT")));
        defaults.checkReadable(output != null);
        return defaults;
    }

    private static final String EXAMPLE = "{\"ModelName\":\"MiniMaxMusic\",\"ModelVersion\":\"2.0\","
            + "\"SceneType\":\"music\"}";

    private static Map<String, Object> storeCosParam(Settings s, Service service, String output, Map<String,
            Object> p) {
        if (service != Service.MPS) {
            throw new ConfigurationException("AIGC_MPS_OUTPUT", "applies only when AIGC_SERVICE=mps");
        }
        if (p.containsKey("StoreCosParam")) {
            throw new ConfigurationException("AIGC_MPS_OUTPUT",
                    "StoreCosParam is also set in AIGC_TASK_DEFAULTS: keep one");
        }
        Location location = Location.parse(s, "AIGC_MPS_OUTPUT", output,
                "cos://media-1250000000.ap-guangzhou/aigc-output/");
        if (location.kind() != Location.Kind.COS) {
            throw new ConfigurationException("AIGC_MPS_OUTPUT", "MPS writes only to COS: expected "
                    + "cos://<bucket-appid>.<region>/<path>, e.g. cos://media-1250000000.ap-guangzhou/aigc-output/");
        }
        Map<String, Object> cos = new LinkedHashMap<>();
        cos.put("CosBucketName", location.bucket());
        cos.put("CosBucketRegion", location.region());
        if (!location.prefix().isEmpty()) {
            cos.put("CosBucketPath", location.prefix());
        }
        return cos;
    }

    /** Reads the defaults with a stand-in prompt so that a bad value fails at start, named by its parameter. */
    private void checkReadable(boolean outputFromLocation) {
        Map<String, Object> probe = new LinkedHashMap<>(parameters);
        probe.put("Prompt", "configuration check");
        try {
            TaskSpecReader.read(service, probe);
        } catch (com.aigcaudio.core.InvalidRequestException e) {
            String variable = outputFromLocation && e.field() != null && e.field().startsWith("StoreCosParam")
                    ? "AIGC_MPS_OUTPUT" : "AIGC_TASK_DEFAULTS";
            throw new ConfigurationException(variable, e.getMessage());
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
    public Map<String, Object> storeCosParam() {
        return Json.object(parameters.get("StoreCosParam"));
    }

    /** MPS StoreCosParam's bucket (MPS writes results there itself), or null. */
    public String mpsOutputBucket() {
        Map<String, Object> store = storeCosParam();
        return store == null ? null : (String) store.get("CosBucketName");
    }

    /** The configured audio format (VOD OutputConfig.OutputAudioFormat, MPS OutputAudioFormat), or null. */
    public String outputFormat() {
        Object format = service == Service.VOD && parameters.get("OutputConfig") instanceof Map
                ? ((Map<?, ?>) parameters.get("OutputConfig")).get("OutputAudioFormat")
                : parameters.get("OutputAudioFormat");
        return format instanceof String ? (String) format : null;
    }

    /** VOD SubAppId as configured, or null: status queries name the same application. */
    public Long subAppId() {
        Object id = parameters.get("SubAppId");
        return id instanceof Number ? ((Number) id).longValue() : null;
    }
}
