package com.aigcaudio.aws.auth;

import com.aigcaudio.testing.MutableClock;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Role credentials from the environment, or (SnapStart) from the container credentials endpoint. */
class AwsRoleCredentialsTest {
    private static final String TOKEN = "container-authorization-token";
    private HttpServer endpoint;
    private final AtomicInteger fetches = new AtomicInteger();
    private final MutableClock now = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/2018-06-01/credentials", exchange -> {
            int n = fetches.incrementAndGet();
            boolean allowed = TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"AccessKeyId\":\"ASIACONTAINER" + n + "\",\"SecretAccessKey\":\"container-secret\","
                    + "\"Token\":\"container-session\",\"Expiration\":\"" + now.instant().plusSeconds(3600) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(allowed ? 200 : 403, allowed ? body.length : -1);
            if (allowed) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        endpoint.start();
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + endpoint.getAddress().getPort()
                + "/2018-06-01/credentials");
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
    }

    private AwsRoleCredentials provider() {
        return new AwsRoleCredentials(env::get, new com.aigcaudio.transport.UrlConnectionTransport(Duration.ofSeconds(
                2)), now);
    }

    @Test
    void get_environmentKeys_win() {
        env.put("AWS_ACCESS_KEY_ID", "ASIAENV");
        env.put("AWS_SECRET_ACCESS_KEY", "env-secret");
        env.put("AWS_SESSION_TOKEN", "env-token");
        AwsCredentials c = provider().get();
        assertEquals("ASIAENV", c.accessKeyId());
        assertEquals("env-token", c.sessionToken());
        assertEquals(0, fetches.get());
    }

    @Test
    void get_snapStartContainerEndpoint_fetchesOnceUntilNearExpiry() {
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN);
        AwsRoleCredentials provider = provider();
        assertTrue(provider.configured());
        assertEquals("ASIACONTAINER1", provider.get().accessKeyId());
        assertEquals("container-session", provider.get().sessionToken());
        now.set(now.instant().plusSeconds(3600 - 301));
        assertEquals("ASIACONTAINER1", provider.get().accessKeyId(), "still valid for more than 5 minutes");
        now.set(now.instant().plusSeconds(2));
        assertEquals("ASIACONTAINER2", provider.get().accessKeyId(), "refreshed before it expires");
        assertEquals(2, fetches.get());
    }

    @Test
    void get_tokenFromFile_isSent(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, TOKEN + "\n");
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", file.toString());
        assertEquals("ASIACONTAINER1", provider().get().accessKeyId());
    }

    @Test
    void get_endpointRefuses_saysSoWithoutSecrets() {
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong-token");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> provider().get());
        assertEquals("the container credentials endpoint answered HTTP 403", e.getMessage());
        assertFalse(e.getMessage().contains("wrong-token"));
    }

    @Test
    void get_nothingConfigured_namesTheVariables() {
        env.clear();
        AwsRoleCredentials provider = provider();
        assertFalse(provider.configured());
        IllegalStateException e = assertThrows(IllegalStateException.class, provider::get);
        assertTrue(e.getMessage().contains("AWS_ACCESS_KEY_ID") && e.getMessage().contains(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI"));
    }
}
