package com.aigcaudio.plan;

import com.aigcaudio.config.CosScope;
import com.aigcaudio.core.InvalidRequestException;
import com.aigcaudio.core.Service;
import com.aigcaudio.core.UploadedObject;
import com.aigcaudio.json.Json;
import com.aigcaudio.tencent.aigc.CreateAigcAudioTask;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a trigger's unit of work into a CreateAigcAudioTask request: the configured defaults, overlaid with what
 * the trigger supplies, read and validated by {@link TaskSpecReader}.
 */
public final class TaskPlanner {
    /** Per-object prompt override, set as COS user metadata when uploading. */
    public static final String PROMPT_METADATA = "x-cos-meta-aigc-prompt";
    /** Parameters that only configuration may set: where results go and which VOD application pays. */
    static final Set<String> CONFIGURATION_ONLY = Set.of("SubAppId", "StoreCosParam");

    private final TaskDefaults defaults;
    private final CosScope scope;
    private final MediaUrls mediaUrls;

    public TaskPlanner(TaskDefaults defaults, CosScope scope, MediaUrls mediaUrls) {
        this.defaults = defaults;
        this.scope = scope;
        this.mediaUrls = mediaUrls;
    }

    public Service service() {
        return defaults.service();
    }

    /** A created COS object: its (presigned) URL becomes the reference video or audio of the configured service. */
    public Plan forCosObject(UploadedObject object) {
        if (!object.isObjectCreated()) {
            return Plan.skip("event " + object.eventName() + " is not an object creation");
        }
        String excluded = scope.exclusionReason(object.bucket(), object.key());
        if (excluded != null) {
            return Plan.skip(excluded);
        }
        MediaKind kind = MediaKind.of(object.key(), object.contentType());
        if (kind == MediaKind.OTHER) {
            return Plan.skip("not a video or audio object (by key suffix and Content-Type)");
        }
        Map<String, Object> spec = new LinkedHashMap<>(defaults.parameters());
        String prompt = object.metadata(PROMPT_METADATA);
        if (prompt == null && defaults.prompt() != null) {
            prompt = defaults.prompt().render(Map.of("key", object.key(), "bucket", object.bucket(),
                    "filename", object.filename(), "region", object.region() == null ? "" : object.region()));
        }
        if (prompt != null && !prompt.trim().isEmpty()) {
            spec.put("Prompt", prompt);
        }
        spec.put(kind == MediaKind.VIDEO ? "VideoInfos" : "AudioInfos", List.of(mediaReference(kind,
                mediaUrls.forObject(object))));
        return Plan.of(TaskSpecReader.read(defaults.service(), spec));
    }

    /**
     * A task described by a caller (HTTP body or timer message) in the service's API vocabulary, laid over the
     * configured defaults; objects such as OutputConfig are merged field by field.
     */
    public CreateAigcAudioTask forSpec(Map<String, Object> requested, Map<String, String> promptValues) {
        for (String key : CONFIGURATION_ONLY) {
            if (requested.containsKey(key)) {
                throw new InvalidRequestException(key, "is set by the function's configuration, not per request");
            }
        }
        Map<String, Object> spec = new LinkedHashMap<>(defaults.parameters());
        String prompt = defaults.prompt() == null ? null : defaults.prompt().render(promptValues);
        if (!requested.containsKey("Prompt") && prompt != null) {
            spec.put("Prompt", prompt);
        }
        for (Map.Entry<String, Object> e : requested.entrySet()) {
            Object base = spec.get(e.getKey());
            if (base instanceof Map && e.getValue() instanceof Map) {
                Map<String, Object> merged = new LinkedHashMap<>(Json.object(base));
                merged.putAll(Json.object(e.getValue()));
                spec.put(e.getKey(), merged);
            } else {
                spec.put(e.getKey(), e.getValue());
            }
        }
        return TaskSpecReader.read(defaults.service(), spec);
    }

    private Map<String, Object> mediaReference(MediaKind kind, String url) {
        if (defaults.service() == Service.VOD) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("Type", "Url");
            ref.put("Url", url);
            return ref;
        }
        return Map.of(kind == MediaKind.VIDEO ? "VideoUrl" : "AudioUrl", url);
    }
}
