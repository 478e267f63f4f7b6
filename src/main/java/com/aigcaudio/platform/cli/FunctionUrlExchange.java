package com.aigcaudio.platform.cli;

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

    static void handle(HttpExchange exchange, ScfHandler handler) throws IOException {
        Map<String, Object> response = handler.handle(event(exchange),
                new LocalContext("serve-" + UUID.randomUUID(), TIME_LIMIT_MS));
        int status = ((Number) response.get("statusCode")).intValue();
        Object headers = response.get("headers");
        if (headers instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) headers).entrySet()) {
                exchange.getResponseHeaders().set(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
            }
        }
        String text = response.get("body") == null ? "" : String.valueOf(response.get("body"));
        byte[] body = Boolean.TRUE.equals(response.get("isBase64Encoded")) ? Base64.getDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
        boolean empty = body.length == 0 || status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** SCF's function-URL shape: {httpMethod, path, queryString, headers (lower-case), body, isBase64Encoded}. */
    static Map<String, Object> event(HttpExchange exchange) throws IOException {
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
        byte[] body = exchange.getRequestBody().readAllBytes();
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
