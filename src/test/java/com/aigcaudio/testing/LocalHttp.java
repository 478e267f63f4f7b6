package com.aigcaudio.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server for what a test plays besides Tencent Cloud: the service's result files (with a chosen
 * status and Content-Type) and a webhook receiver that records what it got and answers a scripted status.
 */
public final class LocalHttp implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Response> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Integer> webhookStatuses = new CopyOnWriteArrayList<>();

    public LocalHttp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if ("POST".equals(exchange.getRequestMethod())) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("X-Aigc-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-Aigc-Signature"), body));
                int status = webhookStatuses.isEmpty() ? 200 : webhookStatuses.remove(0);
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
                return;
            }
            Response file = files.get(path);
            if (file == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", file.contentType);
            exchange.sendResponseHeaders(file.status, file.body.length == 0 ? -1 : file.body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(file.body);
            }
        });
        server.start();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public void file(String path, int status, String contentType, byte[] body) {
        files.put(path, new Response(status, contentType, body));
    }

    public int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    /** The webhook answers these statuses in turn, then 200. */
    public void webhookAnswers(Integer... statuses) {
        webhookStatuses.addAll(List.of(statuses));
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static final class Response {
        final int status;
        final String contentType;
        final byte[] body;

        Response(int status, String contentType, byte[] body) {
            this.status = status;
            this.contentType = contentType;
            this.body = body;
        }
    }

    /** One webhook delivery as received. */
    public static final class Received {
        public final String timestamp;
        public final String signature;
        public final byte[] body;

        Received(String timestamp, String signature, byte[] body) {
            this.timestamp = timestamp;
            this.signature = signature;
            this.body = body;
        }
    }
}
