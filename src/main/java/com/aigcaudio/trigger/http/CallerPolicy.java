package com.aigcaudio.trigger.http;

import com.aigcaudio.config.HttpSettings;
import com.aigcaudio.core.InvalidRequestException;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an HTTP caller may ask for, checked before planning: only the parameters AIGC_HTTP_CALLER_FIELDS allows
 * (billing, storage and retention stay configuration), and only media URLs the service may safely fetch.
 */
final class CallerPolicy {
    private static final List<String> MEDIA_LISTS = List.of("VideoInfos", "AudioInfos");
    private static final List<String> URL_FIELDS = List.of("Url", "VideoUrl", "AudioUrl");
    static final String FILE_REFERENCES = "FileId";

    private final Set<String> allowed;
    private final MediaUrlGuard urls;

    CallerPolicy(HttpSettings settings) {
        this.allowed = settings.callerFields();
        this.urls = new MediaUrlGuard(settings.allowedMediaHosts());
    }

    void check(Map<String, Object> spec) {
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            String key = e.getKey();
            if (allowed.contains(key)) {
                continue;
            }
            if (!(e.getValue() instanceof Map) || ((Map<?, ?>) e.getValue()).isEmpty()) {
                throw notAllowed(key);
            }
            for (Object child : ((Map<?, ?>) e.getValue()).keySet()) {
                if (!allowed.contains(key + "." + child)) {
                    throw notAllowed(key + "." + child);
                }
            }
        }
        for (String list : MEDIA_LISTS) {
            Object items = spec.get(list);
            if (!(items instanceof List)) {
                continue;
            }
            for (int i = 0; i < ((List<?>) items).size(); i++) {
                Object item = ((List<?>) items).get(i);
                if (item instanceof Map) {
                    checkReference(list + "[" + i + "]", (Map<?, ?>) item);
                }
            }
        }
    }

    private void checkReference(String path, Map<?, ?> reference) {
        if ((reference.containsKey("FileId") || "File".equals(reference.get("Type"))) && !allowed.contains(
                FILE_REFERENCES)) {
            throw new InvalidRequestException(path + ".FileId", "media-library references are not accepted from "
                    + "callers (AIGC_HTTP_CALLER_FIELDS does not list FileId); pass a URL");
        }
        for (String field : URL_FIELDS) {
            Object url = reference.get(field);
            if (url instanceof String) {
                urls.check(path + "." + field, (String) url);
            }
        }
    }

    private InvalidRequestException notAllowed(String field) {
        return new InvalidRequestException(field, "is set by the function's configuration, not by callers "
                + "(AIGC_HTTP_CALLER_FIELDS lists what callers may set)");
    }
}
