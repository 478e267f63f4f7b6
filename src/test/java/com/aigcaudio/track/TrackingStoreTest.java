package com.aigcaudio.track;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.store.MemoryObjectStore;
import com.aigcaudio.store.ObjectStore;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Record updates never undo an outcome: stale writers, a closing that slips in between, expiry of a delivered task. */
class TrackingStoreTest {
    private static final Deadline DEADLINE = Deadline.after(Clock.systemUTC(), Duration.ofSeconds(10));
    private final Instant now = Instant.parse("2026-12-02T10:00:00Z");
    private final TrackingRecord created = TrackingRecord.created(
            new TrackedTask("t-1", "r", "cos://b/a.mp4", "a.mp4"), "vod", now, now.plusSeconds(10));
    private final TrackingRecord running = created.checked(TrackingRecord.State.RUNNING, 40, now.plusSeconds(20));
    private final Soundtrack soundtrack = Soundtrack.copied("b", "s/a.mp3", 3, null);
    private final TrackingRecord done = created.finished(TrackingRecord.State.DONE, soundtrack, null, false, now);
    private final TrackingRecord doneNotifyPending = created.finished(TrackingRecord.State.DONE, soundtrack, null, true,
            now);
    private final MemoryObjectStore objects = new MemoryObjectStore();
    private final TrackingStore store = new TrackingStore(objects);

    @Test
    void staleRunningAfterTheRecordWasClosed_doesNotReopenIt() {
        store.create(created, DEADLINE);
        store.save(done, DEADLINE);

        TrackingRecord after = store.save(running, DEADLINE);

        assertEquals(TrackingRecord.State.DONE, after.state());
        assertEquals(List.of("aigc-tracking/closed/t-1.json"), objects.list("aigc-tracking/", DEADLINE));
    }

    @Test
    void staleRunningOverADoneRecordAwaitingItsWebhook_leavesItDone() {
        store.create(created, DEADLINE);
        store.save(doneNotifyPending, DEADLINE);

        assertEquals(TrackingRecord.State.DONE, store.save(running, DEADLINE).state());
        assertEquals(TrackingRecord.State.DONE, store.get("t-1", DEADLINE).state());
    }

    @Test
    void aDeliveredTask_isNeverExpired() {
        store.create(created, DEADLINE);
        store.save(done, DEADLINE);
        // A stale open copy, as an unconditional writer could have left it.
        objects.put("aigc-tracking/open/t-1.json", ObjectStore.Body.of(running.toJson()), "application/json", Map.of(),
                false, DEADLINE);

        TrackingRecord after = store.save(running.finished(TrackingRecord.State.EXPIRED, null, TaskError.of("x",
                null, null, false),
                false, now), DEADLINE);

        assertEquals(TrackingRecord.State.DONE, after.state());
        assertEquals(List.of("aigc-tracking/closed/t-1.json"), objects.list("aigc-tracking/", DEADLINE));
        assertEquals(TrackingRecord.State.DONE, store.get("t-1", DEADLINE).state());
    }

    @Test
    void closingThatSlipsInBetweenReadAndWrite_winsOverTheStaleWrite() {
        TrackingStore racing = new TrackingStore(new ClosesBeforeReplace(objects, () -> new TrackingStore(objects)
                .save(done, DEADLINE)));
        store.create(created, DEADLINE);

        TrackingRecord after = racing.save(running, DEADLINE);

        assertEquals(TrackingRecord.State.DONE, after.state());
        assertEquals(List.of("aigc-tracking/closed/t-1.json"), objects.list("aigc-tracking/", DEADLINE));
    }

    @Test
    void ordinaryProgress_isWritten() {
        store.create(created, DEADLINE);

        assertEquals(TrackingRecord.State.RUNNING, store.save(running, DEADLINE).state());
        assertEquals(40, store.get("t-1", DEADLINE).progress());
        store.save(done, DEADLINE);
        assertNull(objects.get("aigc-tracking/open/t-1.json", DEADLINE));
    }

    /** The memory store, with another tracker closing the record just before the first replace of an open record. */
    private static final class ClosesBeforeReplace implements ObjectStore {
        private final MemoryObjectStore objects;
        private Runnable closer;

        ClosesBeforeReplace(MemoryObjectStore objects, Runnable closer) {
            this.objects = objects;
            this.closer = closer;
        }

        @Override
        public boolean put(String key, Body body, String contentType, Map<String, String> metadata,
                           boolean forbidOverwrite, Deadline deadline) {
            return objects.put(key, body, contentType, metadata, forbidOverwrite, deadline);
        }

        @Override
        public void delete(String key, Deadline deadline) {
            objects.delete(key, deadline);
        }

        @Override
        public byte[] getAtMost(String key, long maxBytes, Deadline deadline) {
            return objects.getAtMost(key, maxBytes, deadline);
        }

        @Override
        public Stored read(String key, Deadline deadline) {
            return objects.read(key, deadline);
        }

        @Override
        public boolean replace(String key, Body body, String contentType, String etag, Deadline deadline) {
            if (closer != null) {
                Runnable now = closer;
                closer = null;
                now.run();
            }
            // As on COS, which has no If-Match: the write lands whatever happened meanwhile.
            objects.put(key, body, contentType, Map.of(), false, deadline);
            return true;
        }

        @Override
        public boolean delete(String key, String etag, Deadline deadline) {
            return objects.delete(key, etag, deadline);
        }

        @Override
        public List<Listed> entries(String prefix, Deadline deadline) {
            return objects.entries(prefix, deadline);
        }

        @Override
        public URI url(String key, Duration lifetime) {
            return objects.url(key, lifetime);
        }
    }
}
