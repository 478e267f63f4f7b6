package com.aigcaudio.trigger.http;

import com.aigcaudio.trigger.InvalidEventException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.aigcaudio.trigger.EventFields.optionalObject;

/**
 * An HTTP request, decoded from any of the shapes that carry one: SCF's function URL and API gateway, AWS's payload
 * 2.0 (HTTP API, Lambda function URL: {@code requestContext.http.method}, {@code rawPath}) and 1.0 (REST API).
 * Headers are looked up case-insensitively (multi-value ones by their first value), bodies Base64-decoded.
 */
public final class HttpTriggerRequest {
    private final String method;
    private final String path;
    private final Map<String, String> headers;
    private final byte[] body;
    private final String requestId;

    HttpTriggerRequest(String method, String path, Map<String, String> headers, byte[] body, String requestId) {
        this.method = method;
        this.path = path;
        this.headers = headers;
        this.body = body;
        this.requestId = requestId;
    }

    /** @throws InvalidEventException naming the field when the headers, body or its encoding are malformed */
    public static HttpTriggerRequest decode(Map<?, ?> event) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<?, ?> e : optionalObject(event, "headers", "headers").entrySet()) {
            Object value = e.getValue();
            if (value instanceof List) {
                value = ((List<?>) value).isEmpty() ? null : ((List<?>) value).get(0);
            }
            if (value != null) {
                headers.put(String.valueOf(e.getKey()), String.valueOf(value));
            }
        }
        Object rawBody = event.get("body");
        if (rawBody != null && !(rawBody instanceof String)) {
            throw new InvalidEventException("body is not a string");
        }
        byte[] body = rawBody == null ? new byte[0] : ((String) rawBody).getBytes(StandardCharsets.UTF_8);
        if (Boolean.TRUE.equals(event.get("isBase64Encoded")) && body.length > 0) {
            try {
                // Strict: line breaks, stray characters or bad padding mean the body is not what was sent.
                body = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException("body is marked isBase64Encoded but is not valid Base64");
            }
        }
        Map<?, ?> context = optionalObject(event, "requestContext", "requestContext");
        Object requestId = context.get("requestId");
        Object method = event.get("httpMethod");
        Object path = event.get("path");
        if (context.get("http") instanceof Map) {
            method = ((Map<?, ?>) context.get("http")).get("method");
            path = event.get("rawPath");
        }
        if (!(method instanceof String)) {
            throw new InvalidEventException("requestContext.http.method is not a string");
        }
        return new HttpTriggerRequest((String) method, path instanceof String ? (String) path : "/",
                headers, body, requestId instanceof String ? (String) requestId : null);
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** A header value by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    public byte[] body() {
        return body;
    }

    /** The API gateway's request id, or null (function URLs have none). */
    public String requestId() {
        return requestId;
    }
}
