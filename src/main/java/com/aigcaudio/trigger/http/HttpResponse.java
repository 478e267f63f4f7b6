package com.aigcaudio.trigger.http;

import com.aigcaudio.core.JsonWritable;
import com.aigcaudio.json.Json;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** One answer to an HTTP caller, written as the integration response both platforms read. */
final class HttpResponse implements JsonWritable {
    private final int status;
    private final Map<String, String> headers;
    private final String body;
    private final boolean base64;

    private HttpResponse(int status, Map<String, String> headers, String body, boolean base64) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.base64 = base64;
    }

    /** {@code body} as JSON, after Content-Type and then {@code extraHeaders}. */
    static HttpResponse json(int status, Object body, Map<String, String> extraHeaders) {
        return new HttpResponse(status, headers("application/json", extraHeaders), Json.toString(body), false);
    }

    /** Bytes as they are (the platform decodes base64), e.g. a soundtrack. */
    static HttpResponse binary(byte[] body, String contentType, Map<String, String> extraHeaders) {
        return new HttpResponse(200, headers(contentType, extraHeaders), Base64.getEncoder().encodeToString(body),
                true);
    }

    /** Text as it is, e.g. the page. */
    static HttpResponse text(int status, Map<String, String> headers, String body) {
        return new HttpResponse(status, new LinkedHashMap<>(headers), body, false);
    }

    /** A response with no body (204, 304): headers only. */
    static HttpResponse empty(int status, Map<String, String> headers) {
        return text(status, headers, "");
    }

    /** {"error": {code, message, field, requestId}}. */
    static HttpResponse error(int status, String code, String message, String field, String requestId,
                              Map<String, String> extraHeaders) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("field", field);
        error.put("requestId", requestId);
        return json(status, Map.of("error", error), extraHeaders);
    }

    static HttpResponse error(int status, String code, String message) {
        return error(status, code, message, null, null, Map.of());
    }

    /** The answer to HEAD: the same status and headers, no body. */
    HttpResponse withoutBody() {
        return new HttpResponse(status, headers, "", false);
    }

    /** The same response with {@code more} headers where it has none of that name (CORS grants). */
    HttpResponse withHeadersIfAbsent(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        more.forEach(all::putIfAbsent);
        return new HttpResponse(status, all, body, base64);
    }

    @Override
    public Map<String, Object> toJsonValue() {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("isBase64Encoded", base64);
        response.put("statusCode", status);
        response.put("headers", new LinkedHashMap<String, Object>(headers));
        response.put("body", body);
        return response;
    }

    private static Map<String, String> headers(String contentType, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.putAll(extraHeaders);
        return headers;
    }
}
