package com.aigcaudio.trigger.http;

import com.aigcaudio.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/** Integration responses: {isBase64Encoded, statusCode, headers, body}, always JSON. */
final class HttpResponses {
    private HttpResponses() {
    }

    static Map<String, Object> json(int status, Map<String, Object> body, Map<String, String> extraHeaders) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.putAll(extraHeaders);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("isBase64Encoded", false);
        response.put("statusCode", status);
        response.put("headers", headers);
        response.put("body", Json.toString(body));
        return response;
    }

    /** A response with no body (204): headers only. */
    /** Bytes as they are (the platform decodes base64), e.g. a soundtrack. */
    static Map<String, Object> binary(byte[] body, String contentType, Map<String, String> extraHeaders) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.putAll(extraHeaders);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("isBase64Encoded", true);
        response.put("statusCode", 200);
        response.put("headers", headers);
        response.put("body", java.util.Base64.getEncoder().encodeToString(body));
        return response;
    }

    static Map<String, Object> empty(int status, Map<String, String> headers) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("isBase64Encoded", false);
        response.put("statusCode", status);
        response.put("headers", new LinkedHashMap<String, Object>(headers));
        response.put("body", "");
        return response;
    }

    static Map<String, Object> error(int status, String code, String message, String field, String requestId,
                                     Map<String, String> extraHeaders) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("field", field);
        error.put("requestId", requestId);
        return json(status, Map.of("error", error), extraHeaders);
    }

    static Map<String, Object> error(int status, String code, String message) {
        return error(status, code, message, null, null, Map.of());
    }
}
