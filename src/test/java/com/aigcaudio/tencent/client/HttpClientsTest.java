package com.aigcaudio.tencent.client;

import com.aigcaudio.emulator.AigcEmulator;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpClientsTest {
    @Test
    void stopSelectorThreads_afterARequest_endsTheSelectorThread() throws Exception {
        try (AigcEmulator emulator = AigcEmulator.start(Service.VOD)) {
            HttpClient client = HttpClients.lazy(Duration.ofSeconds(2)).get();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(emulator.endpoint()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() > 0);
            List<Thread> selectors = selectorThreads();
            assertFalse(selectors.isEmpty(), "the client runs a selector thread");

            HttpClients.stopSelectorThreads();

            for (Thread selector : selectors) {
                assertFalse(selector.isAlive(), selector.getName() + " still running");
            }
            assertEquals(List.of(), selectorThreads());
        }
    }

    @Test
    void hostHeader_defaultPort_isTheHostAlone() {
        assertEquals("vod.tencentcloudapi.com", HttpClients.hostHeader(URI.create("https://vod.tencentcloudapi.com/")));
        assertEquals("vod.tencentcloudapi.com", HttpClients.hostHeader(URI.create("https://vod.tencentcloudapi.com:443/")));
        assertEquals("127.0.0.1:8443", HttpClients.hostHeader(URI.create("https://127.0.0.1:8443/")));
    }

    private static List<Thread> selectorThreads() {
        List<Thread> found = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().endsWith("-SelectorManager")) {
                found.add(thread);
            }
        }
        return found;
    }
}
