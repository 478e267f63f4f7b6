package com.aigcaudio.tencent.client;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionWarmupTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @Test
    void get_afterWarmup_nextRequestReusesTheWarmConnection() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            seen.add(exchange.getRequestMethod() + " from " + exchange.getRemoteAddress().getPort()
                    + (exchange.getRequestHeaders().containsKey("Authorization") ? " signed" : ""));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            Supplier<HttpClient> http = HttpClients.lazy(TIMEOUT);
            ConnectionWarmup warmup = ConnectionWarmup.start(http, endpoint, Duration.ofSeconds(5));

            HttpClient client = warmup.get();
            client.send(HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertSame(http.get(), client);
            assertEquals(2, seen.size(), seen.toString());
            String probePort = seen.get(0).replace("GET from ", "");
            assertEquals("POST from " + probePort, seen.get(1), "the POST reuses the probe's connection: " + seen);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void get_endpointRefusesConnections_returnsTheClient() {
        Supplier<HttpClient> http = HttpClients.lazy(TIMEOUT);
        ConnectionWarmup warmup = ConnectionWarmup.start(http, URI.create("https://127.0.0.1:9/"), TIMEOUT);
        assertSame(http.get(), assertTimeoutPreemptively(Duration.ofSeconds(5), warmup::get));
    }

    @Test
    void get_endpointNeverAnswers_stopsWaitingAfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(30_000);
                } catch (Exception e) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Supplier<HttpClient> http = HttpClients.lazy(TIMEOUT);
            ConnectionWarmup warmup = ConnectionWarmup.start(http,
                    URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"), TIMEOUT);

            assertSame(http.get(), assertTimeoutPreemptively(Duration.ofSeconds(5), warmup::get));
            acceptor.interrupt();
        }
    }

    @Test
    void get_interrupted_returnsTheClientAndKeepsTheInterrupt() {
        Supplier<HttpClient> http = HttpClients.lazy(TIMEOUT);
        ConnectionWarmup warmup = ConnectionWarmup.start(http, URI.create("http://127.0.0.1:9/"), TIMEOUT);
        Thread.currentThread().interrupt();
        try {
            assertSame(http.get(), warmup.get());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
