package com.aigcaudio.platform.cli;

import com.aigcaudio.json.Json;
import com.aigcaudio.platform.scf.ScfHandler;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** One real HTTP exchange as an SCF function-URL invocation: the request becomes the event, the result the answer. */
final class FunctionUrlExchange {
    private static final int TIME_LIMIT_MS = 30_000;

    private FunctionUrlExchange() {
    }

    /** @param maxBody the largest body read; a larger one is refused (413) without reading past the limit */
    static void handle(HttpExchange exchange, ScfHandler handler, int maxBody) throws IOException {
        byte[] body = body(exchange, maxBody);
        if (body == null) {
            refuse(exchange, 413, "PayloadTooLarge", "the body is larger than " + maxBody + " bytes");
            return;
        }
        Map<String, Object> response = handler.handle(event(exchange, body),
                new LocalContext("serve-" + UUID.randomUUID(), TIME_LIMIT_MS));
        int status = ((Number) response.get("statusCode")).intValue();
        Object headers = response.get("headers");
        if (headers instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) headers).entrySet()) {
                exchange.getResponseHeaders().set(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
            }
        }
        String text = response.get("body") == null ? "" : String.valueOf(response.get("body"));
        byte[] answer = Boolean.TRUE.equals(response.get("isBase64Encoded")) ? Base64.getDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
        boolean empty = answer.length == 0 || status == 204 || status == 304 || "HEAD".equals(
                exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, empty ? -1 : answer.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    /** The request body, or null when it is over the limit: told by Content-Length before reading, else cut there. */
    static byte[] body(HttpExchange exchange, int maxBody) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            if (length != null && Long.parseLong(length.trim()) > maxBody) {
                return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        byte[] body = exchange.getRequestBody().readNBytes(maxBody + 1);
        return body.length > maxBody ? null : body;
    }

    /** An error answer in the trigger's own shape, for what is refused before the function sees it. */
    static void refuse(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] json = Json.toBytes(Map.of("error", Map.of("code", code, "message", message)));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    /** SCF's function-URL shape: {httpMethod, path, queryString, headers (lower-case), body, isBase64Encoded}. */
    static Map<String, Object> event(HttpExchange exchange, byte[] body) {
        Map<String, Object> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        headers.put("x-scf-remote-addr", exchange.getRemoteAddress().getAddress().getHostAddress());
        Map<String, Object> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", exchange.getRequestMethod());
        event.put("path", exchange.getRequestURI().getPath());
        event.put("queryString", query);
        event.put("headers", headers);
        event.put("body", Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", true);
        return event;
    }
}
