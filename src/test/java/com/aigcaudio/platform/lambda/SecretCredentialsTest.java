package com.aigcaudio.platform.lambda;

import com.aigcaudio.aws.auth.AwsCredentials;
import com.aigcaudio.aws.secrets.SecretUnavailableException;
import com.aigcaudio.aws.secrets.SecretsManagerClient;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.json.Json;
import com.aigcaudio.testing.MutableClock;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Keys from Secrets Manager: held for an hour, then fetched again so a rotation is picked up. */
class SecretCredentialsTest {
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:aigc-AbCdEf";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final AtomicReference<String> secretId = new AtomicReference<>("AKIDFIRST");
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer server;
    private SecretCredentials credentials;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            fetches.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = status.get() == 200
                    ? Json.toBytes(Map.of("SecretString", "{\"SecretId\":\"" + secretId.get()
                            + "\",\"SecretKey\":\"k\"}"))
                    : "{\"__type\":\"InternalServiceError\"}".getBytes();
            exchange.sendResponseHeaders(status.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        credentials = new SecretCredentials(new SecretsManagerClient(URI.create("http://127.0.0.1:"
                + server.getAddress().getPort() + "/"), "eu-west-1", () -> new AwsCredentials("ASIA", "s", null),
                new com.aigcaudio.transport.UrlConnectionTransport(Duration.ofSeconds(2)), clock), ARN, clock);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String load() {
        credentials.load(Deadline.after(Clock.systemUTC(), Duration.ofSeconds(10)));
        return credentials.credentials().secretId();
    }

    @Test
    void load_afterAnHour_picksUpARotation() {
        assertEquals("AKIDFIRST", load());
        secretId.set("AKIDROTATED");
        clock.advance(Duration.ofMinutes(59));
        assertEquals("AKIDFIRST", load(), "held within the hour");
        clock.advance(Duration.ofMinutes(2));
        assertEquals("AKIDROTATED", load());
        assertEquals(2, fetches.get());
    }

    @Test
    void load_refreshFails_keepsTheHeldKeysAndRetriesInAMinute() {
        assertEquals("AKIDFIRST", load());
        status.set(500);
        clock.advance(Duration.ofMinutes(61));
        assertEquals("AKIDFIRST", load());
        assertEquals("AKIDFIRST", load(), "not retried at once");
        assertEquals(2, fetches.get());
        status.set(200);
        secretId.set("AKIDROTATED");
        clock.advance(Duration.ofSeconds(61));
        assertEquals("AKIDROTATED", load());
    }

    @Test
    void load_firstFetchFails_throws() {
        status.set(500);
        assertThrows(SecretUnavailableException.class, this::load);
    }
}
