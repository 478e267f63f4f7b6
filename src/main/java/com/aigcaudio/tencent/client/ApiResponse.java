package com.aigcaudio.tencent.client;

import java.util.Map;

/** A successful answer: the content of the {@code Response} envelope. */
public final class ApiResponse {
    private final Map<String, Object> fields;
    private final int attempts;

    ApiResponse(Map<String, Object> fields, int attempts) {
        this.fields = fields;
        this.attempts = attempts;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public String requestId() {
        return string("RequestId");
    }

    /** A string field of the response, or null. */
    public String string(String name) {
        Object value = fields.get(name);
        return value instanceof String ? (String) value : null;
    }

    /** How many requests the call took (retries included). */
    public int attempts() {
        return attempts;
    }
}
