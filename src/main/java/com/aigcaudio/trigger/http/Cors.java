package com.aigcaudio.trigger.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-origin access for pages on the configured origins: preflights are answered before authentication (a
 * browser never sends credentials on one), and every response, errors included, carries the CORS headers, so a
 * page sees the real status instead of "Failed to fetch".
 */
final class Cors {
    static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key";
    static final String EXPOSED_HEADERS = "Retry-After, Idempotent-Replayed, Location";
    private static final String MAX_AGE_SECONDS = "600";

    private final List<String> origins;

    Cors(List<String> origins) {
        this.origins = origins;
    }

    boolean allows(String origin) {
        return origin != null && (origins.contains("*") || origins.contains(origin));
    }

    /** The headers for a response to a request from {@code origin}: none when the origin is not allowed. */
    Map<String, String> headers(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!origins.isEmpty()) {
            // The answer depends on Origin: caches must not hand one origin's answer to another.
            headers.put("Vary", "Origin");
        }
        if (allows(origin)) {
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
        return headers;
    }

    /** Headers for a preflight answer (204) from an allowed origin. */
    Map<String, String> preflight(String origin) {
        Map<String, String> headers = headers(origin);
        headers.put("Access-Control-Allow-Methods", ALLOWED_METHODS);
        headers.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        headers.put("Access-Control-Max-Age", MAX_AGE_SECONDS);
        return headers;
    }
}
