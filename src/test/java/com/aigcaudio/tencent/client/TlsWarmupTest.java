package com.aigcaudio.tencent.client;

import com.aigcaudio.emulator.AigcEmulator;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertSame;

class TlsWarmupTest {
    @Test
    void run_httpEndpoint_buildsTheSharedClientWithoutConnecting() {
        Supplier<HttpClient> http = HttpClients.lazy(Duration.ofSeconds(1));
        TlsWarmup.run(http, URI.create("http://127.0.0.1:9/"), Duration.ofSeconds(1));
        assertSame(http.get(), http.get());
    }

    @Test
    void run_untrustedHttpsEndpoint_isIgnored() throws Exception {
        try (AigcEmulator plain = AigcEmulator.start(Service.VOD)) {
            // Not TLS at all: the handshake fails, and priming must not throw.
            URI wrongScheme = URI.create("https://127.0.0.1:" + plain.endpoint().getPort() + "/");
            TlsWarmup.run(HttpClients.lazy(Duration.ofSeconds(1)), wrongScheme, Duration.ofSeconds(1));
        }
    }
}
