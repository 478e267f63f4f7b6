package com.aigcaudio.tencent.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsWarmupTest {
    @Test
    void handshakeInMemory_completesAndCarriesApplicationData() throws Exception {
        assertTrue(TlsWarmup.handshakeInMemory(), "a full handshake and one record, with the bundled certificate");
    }

    @Test
    void run_buildsTheSharedClient() {
        java.util.function.Supplier<java.net.http.HttpClient> http = HttpClients.lazy(Duration.ofSeconds(1));
        TlsWarmup.run(http);
        assertTrue(http.get() == http.get());
    }
}
