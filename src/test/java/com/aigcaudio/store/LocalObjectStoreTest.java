package com.aigcaudio.store;

import com.aigcaudio.core.Deadline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What only the directory store can get wrong: files of other writers appearing and vanishing mid-listing. */
class LocalObjectStoreTest {
    private static final Deadline DEADLINE = Deadline.after(Clock.systemUTC(), Duration.ofMinutes(1));
    @TempDir
    Path dir;

    @Test
    void listing_whileAnotherWriterReplacesObjects_neverFailsAndShowsOnlyObjects() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir);
        store.put("a/stable.json", ObjectStore.Body.of("{}".getBytes(StandardCharsets.UTF_8)), "application/json",
                Map.of(), false, DEADLINE);
        AtomicBoolean writing = new AtomicBoolean(true);
        // Each replace creates and removes a temporary file beside the object: a listing walks into them.
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 3000; i++) {
                    store.put("a/busy-" + (i % 4) + ".json", ObjectStore.Body.of(("" + i).getBytes(
                            StandardCharsets.UTF_8)), "application/json", Map.of(), false, DEADLINE);
                }
            } finally {
                writing.set(false);
            }
        });
        int listings = 0;
        while (writing.get() || listings == 0) {
            List<String> keys = store.list("a/", DEADLINE);
            assertTrue(keys.contains("a/stable.json"), keys.toString());
            assertTrue(keys.stream().noneMatch(k -> k.contains(".incoming-")), keys.toString());
            listings++;
        }
        writer.get(1, TimeUnit.MINUTES);
        assertEquals(List.of("a/busy-0.json", "a/busy-1.json", "a/busy-2.json", "a/busy-3.json", "a/stable.json"),
                store.list("a/", DEADLINE));
    }
}
