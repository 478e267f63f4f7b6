package com.aigcaudio.store;

import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.tencent.client.Deadline;
import com.aigcaudio.tencent.client.HttpClients;
import com.aigcaudio.testing.FakeCos;
import com.aigcaudio.testing.FakeTencentCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One contract for the three stores: COS (FakeCos checks every signature and pages listings by 2), a directory, memory. */
class ObjectStoreContractTest {
    private static final Deadline DEADLINE = Deadline.after(Clock.systemUTC(), Duration.ofMinutes(1));
    @TempDir
    Path dir;
    private FakeCos cos;

    @AfterEach
    void stop() {
        if (cos != null) {
            assertEquals(0, cos.badSignatures(), "every COS request signed correctly");
            cos.close();
        }
    }

    private ObjectStore store(String kind) {
        switch (kind) {
            case "cos":
                cos = new FakeCos();
                return new CosObjectStore(cos.endpoint(), "state-1250000000", "ap-guangzhou", CredentialsProvider.fixed(
                        new Credentials(FakeTencentCloud.SECRET_ID, FakeTencentCloud.SECRET_KEY, FakeTencentCloud.TOKEN)),
                        HttpClients.lazy(Duration.ofSeconds(2)));
            case "local":
                return new LocalObjectStore(dir.resolve("state"));
            default:
                return new MemoryObjectStore();
        }
    }

    private static ObjectStore.Body text(String s) {
        return ObjectStore.Body.of(s.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos"})
    void putGetDelete_roundTrip_withNonAsciiKey(String kind) {
        ObjectStore store = store(kind);
        String key = "soundtracks/春节 烟花+fireworks 100%!.mp3";

        assertTrue(store.put(key, text("audio"), "audio/mpeg", Map.of("source", "cos://b/春节.mp4"), false, DEADLINE));
        assertArrayEquals("audio".getBytes(StandardCharsets.UTF_8), store.get(key, DEADLINE));
        store.delete(key, DEADLINE);
        assertNull(store.get(key, DEADLINE));
        store.delete(key, DEADLINE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos"})
    void put_forbidOverwrite_refusesAnExistingObject(String kind) {
        ObjectStore store = store(kind);

        assertTrue(store.put("claims/a.json", text("first"), "application/json", Map.of(), true, DEADLINE));
        assertFalse(store.put("claims/a.json", text("second"), "application/json", Map.of(), true, DEADLINE));
        assertEquals("first", new String(store.get("claims/a.json", DEADLINE), StandardCharsets.UTF_8));
        assertTrue(store.put("claims/a.json", text("third"), "application/json", Map.of(), false, DEADLINE));
        assertEquals("third", new String(store.get("claims/a.json", DEADLINE), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos"})
    void list_prefix_returnsEveryKeyAcrossPages(String kind) {
        ObjectStore store = store(kind);
        for (String key : List.of("track/1.json", "track/2.json", "track/3.json", "track/4.json", "track/5.json",
                "other/x.json")) {
            store.put(key, text("{}"), "application/json", Map.of(), false, DEADLINE);
        }

        assertEquals(List.of("track/1.json", "track/2.json", "track/3.json", "track/4.json", "track/5.json"),
                store.list("track/", DEADLINE));
        assertEquals(List.of(), store.list("none/", DEADLINE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos"})
    void put_fileBody_storesTheFile(String kind) throws Exception {
        ObjectStore store = store(kind);
        Path file = Files.write(dir.resolve("tone.wav"), new byte[] {1, 2, 3, 4});

        store.put("results/tone.wav", ObjectStore.Body.of(file), "audio/wav", Map.of(), false, DEADLINE);

        assertArrayEquals(new byte[] {1, 2, 3, 4}, store.get("results/tone.wav", DEADLINE));
    }

    @Test
    void cos_noTimeLeft_sendsNothing() {
        ObjectStore store = store("cos");
        Deadline past = Deadline.after(Clock.systemUTC(), Duration.ZERO);
        assertThrows(StoreUnavailableException.class, () -> store.get("k", past));
    }

    @Test
    void local_keyLeavingTheRoot_isRefused() {
        ObjectStore store = store("local");
        assertThrows(StoreUnavailableException.class, () -> store.put("../escape", text("x"), "text/plain", Map.of(), false,
                DEADLINE));
    }
}
