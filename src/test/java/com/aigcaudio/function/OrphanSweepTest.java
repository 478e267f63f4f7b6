package com.aigcaudio.function;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.InvocationResult;
import com.aigcaudio.core.Tally;
import com.aigcaudio.idempotency.IdempotencyRecord;
import com.aigcaudio.idempotency.ObjectIdempotencyStore;
import com.aigcaudio.store.MemoryObjectStore;
import com.aigcaudio.store.ObjectStore;
import com.aigcaudio.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweep at scale, on a bucket where every request takes 15 ms of an injected clock (COS's typical latency):
 * it resumes where the last run stopped, stays within its share, visits 10,000 claims in a bounded number of
 * runs, and afterwards reads only claims written since, so an orphan costs O(1) reads to find.
 */
class OrphanSweepTest {
    private static final Duration REQUEST = Duration.ofMillis(15);
    private static final Duration RUN = Duration.ofSeconds(30);
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final String PREFIX = "aigc-audio";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final SlowBucket bucket = new SlowBucket(new MemoryObjectStore(clock));
    private final ObjectIdempotencyStore claims = new ObjectIdempotencyStore(bucket, "aigc-idempotency/", clock);
    private final OrphanSweep sweep = new OrphanSweep(claims, PREFIX, null, clock);
    private final List<String> redone = new ArrayList<>();

    /** A bucket whose every request moves the clock on by 15 ms (a listing page of 1,000 keys counts as one). */
    private final class SlowBucket implements ObjectStore {
        private final ObjectStore objects;
        final AtomicInteger markerReads = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();

        SlowBucket(ObjectStore objects) {
            this.objects = objects;
        }

        private void request() {
            requests.incrementAndGet();
            clock.advance(REQUEST);
        }

        @Override
        public boolean put(String key, Body body, String type, Map<String, String> meta, boolean forbid, Deadline d) {
            request();
            return objects.put(key, body, type, meta, forbid, d);
        }

        @Override
        public void delete(String key, Deadline deadline) {
            request();
            objects.delete(key, deadline);
        }

        @Override
        public byte[] getAtMost(String key, long maxBytes, Deadline deadline) {
            request();
            return objects.getAtMost(key, maxBytes, deadline);
        }

        @Override
        public Stored read(String key, Deadline deadline) {
            request();
            if (key.endsWith(".json")) {
                markerReads.incrementAndGet();
            }
            return objects.read(key, deadline);
        }

        @Override
        public boolean replace(String key, Body body, String type, String etag, Deadline deadline) {
            request();
            return objects.replace(key, body, type, etag, deadline);
        }

        @Override
        public boolean delete(String key, String etag, Deadline deadline) {
            request();
            return objects.delete(key, etag, deadline);
        }

        @Override
        public List<Listed> entries(String prefix, Deadline deadline) {
            List<Listed> all = objects.entries(prefix, deadline);
            for (int page = 0; page <= all.size() / 1000; page++) {
                request();
            }
            return all;
        }

        @Override
        public URI url(String key, Duration lifetime) {
            return objects.url(key, lifetime);
        }
    }

    /** Writes claims straight into the bucket, as earlier invocations would have; orphans carry their work. */
    private void write(int completed, List<String> orphans, Random random) {
        Deadline deadline = Deadline.after(clock, Duration.ofDays(1));
        for (int i = 0; i < completed; i++) {
            String key = PREFIX + ":" + Long.toHexString(random.nextLong());
            claims.claim(key, claim(null).completed("task", null), deadline);
        }
        for (String key : orphans) {
            claims.claim(key, claim(Map.of("trigger", "cos", "event", Map.of("key", key))), deadline);
        }
    }

    private IdempotencyRecord claim(Map<String, Object> work) {
        Instant now = clock.instant();
        return IdempotencyRecord.claim("claim-" + now.toEpochMilli() + "-" + redone.size(), now.plus(WINDOW),
                now.plus(Duration.ofDays(3)), "hash", work);
    }

    /** One tracker run: the sweep's quarter of 30 s. The redo completes the claim, as a real takeover would. */
    private Map<String, Object> tick() {
        Deadline deadline = Deadline.after(clock, RUN);
        return sweep.run(clock.instant().plus(RUN.dividedBy(4)), deadline, (trigger, event) -> {
            String key = (String) event.get("key");
            redone.add(key);
            claims.update(key, claims.read(key, deadline).completed("task-" + key, "r"), deadline);
            return new InvocationResult(Map::of, false, new Tally());
        }).toJsonValue();
    }

    private static int count(Map<String, Object> report, String field) {
        return ((Number) report.get(field)).intValue();
    }

    @Test
    void tenThousandClaims_everyOrphanRedoneOnceWithinBoundedRuns_thenOnlyNewWritesAreRead() {
        List<String> orphans = List.of(PREFIX + ":0-first", PREFIX + ":5-middle", PREFIX + ":f-last",
                PREFIX + ":8-x", PREFIX + ":3-y");
        write(9_995, orphans, new Random(7));
        clock.advance(Duration.ofMinutes(5));

        int runs = 0;
        int read = 0;
        Map<String, Object> report;
        do {
            Instant started = clock.instant();
            report = tick();
            runs++;
            read += count(report, "read");
            assertTrue(Duration.between(started, clock.instant()).compareTo(RUN.dividedBy(4).plus(
                    REQUEST.multipliedBy(3)))
                    <= 0, "a run's sweep stays within its share: " + Duration.between(started, clock.instant()));
            clock.advance(Duration.ofMinutes(1));
        } while (count(report, "leftForNextRun") > 0 && runs < 100);

        // 7.5 s a run at 15 ms a read: about 490 claims a run, every claim read once.
        assertTrue(runs <= 22, "runs to visit 10,000 claims: " + runs);
        assertEquals(10_000, read, "each claim read once across the runs");
        assertEquals(orphans.size(), redone.size(), redone.toString());
        assertTrue(redone.containsAll(orphans), redone.toString());

        // Caught up: the redone claims (rewritten) are read once more, then nothing is.
        tick();
        clock.advance(Duration.ofMinutes(2));
        tick();
        bucket.markerReads.set(0);
        bucket.requests.set(0);
        clock.advance(Duration.ofMinutes(2));
        Map<String, Object> idle = tick();
        assertEquals(0, count(idle, "read"), idle.toString());
        assertEquals(0, bucket.markerReads.get(), "no claim read when nothing was written");
        assertEquals(11 + 1, bucket.requests.get(),
                "11 listing pages (10,000 claims and the cursor) and the cursor's GET");

        // A new upload whose holder dies: read while inside its window (pending), redone once the window ends.
        String late = PREFIX + ":late";
        write(0, List.of(late), new Random(1));
        clock.advance(Duration.ofSeconds(5));
        Map<String, Object> early = tick();
        assertEquals(1, count(early, "read"), early.toString());
        assertEquals(0, count(early, "redone"));
        clock.advance(WINDOW.plus(Duration.ofSeconds(5)));
        bucket.markerReads.set(0);
        Map<String, Object> found = tick();
        assertEquals(1, count(found, "redone"), found.toString());
        assertEquals(1, bucket.markerReads.get() - 2, "the orphan read once (its redo reads and rewrites it)");
        assertEquals(orphans.size() + 1, redone.size());
    }

    @Test
    void unreadableCursor_startsOverFromTheFirstClaim_losingNothing() {
        write(10, List.of(PREFIX + ":orphan"), new Random(3));
        clock.advance(Duration.ofMinutes(5));
        bucket.put("aigc-idempotency/" + PREFIX + "/sweep-cursor", ObjectStore.Body.of("{not json".getBytes()),
                "application/json", Map.of(), false, Deadline.after(clock, RUN));

        Map<String, Object> report = tick();

        assertEquals(11, count(report, "read"));
        assertEquals(List.of(PREFIX + ":orphan"), redone);
    }

    /** A claim that cannot be read (a later version's status) is one ERROR line; the orphans beside it are redone. */
    @Test
    void unreadableClaim_isSkipped_theOrphansBesideItAreRedone() {
        write(3, List.of(PREFIX + ":orphan-a", PREFIX + ":orphan-z"), new Random(5));
        bucket.put("aigc-idempotency/" + PREFIX + "/orphan-m.json", ObjectStore.Body.of(
                "{\"status\":\"CANCELLED\"}".getBytes(StandardCharsets.UTF_8)), "application/json",
                Map.of(), false, Deadline.after(clock, RUN));
        clock.advance(Duration.ofMinutes(5));

        tick();

        assertEquals(List.of(PREFIX + ":orphan-a", PREFIX + ":orphan-z"), redone.stream().sorted()
                .collect(Collectors.toList()));
    }
}
