package com.aigcaudio.submit;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spend slots on their own: UTC hour and day windows in a shared store, across instances, on a test clock. */
class SpendGuardTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:59:00Z"));
    private final CountingObjectStore store = new CountingObjectStore();

    private Deadline deadline() {
        return Deadline.after(clock, Duration.ofSeconds(30));
    }

    private SpendGuard guard(Integer perDay, Integer perHour) {
        return new SpendGuard(store, perDay, perHour, clock);
    }

    @Test
    void noLimits_isDisabled() {
        assertFalse(guard(null, null).enabled());
        assertTrue(guard(5, null).enabled());
        assertTrue(guard(null, 5).enabled());
    }

    @Test
    void hourLimit_grantsThatManySlots_thenRefusesUntilTheNextHour() {
        SpendGuard guard = guard(null, 2);
        assertEquals(List.of("aigc-spend/hour/2026120210/0"), guard.acquire(deadline()).slots);
        assertEquals(List.of("aigc-spend/hour/2026120210/1"), guard.acquire(deadline()).slots);

        SpendGuard.Grant refused = guard.acquire(deadline());

        assertFalse(refused.granted());
        assertEquals(Instant.parse("2026-12-02T11:00:00Z"), refused.refusedUntil);
        assertEquals("AIGC_MAX_TASKS_PER_HOUR", refused.refusedLimit);
        assertEquals("hour/2026120210", refused.refusedWindow);
        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of("aigc-spend/hour/2026120211/0"), guard.acquire(deadline()).slots, "a new window");
    }

    @Test
    void dayLimitReached_givesTheHourSlotBack() {
        SpendGuard guard = guard(1, 10);
        assertTrue(guard.acquire(deadline()).granted());

        SpendGuard.Grant refused = guard.acquire(deadline());

        assertEquals("AIGC_MAX_TASKS_PER_DAY", refused.refusedLimit);
        assertEquals(Instant.parse("2026-12-03T00:00:00Z"), refused.refusedUntil);
        assertEquals(List.of("aigc-spend/hour/2026120210/0"), store.list("aigc-spend/hour/", deadline()),
                "the refused task holds no hour slot");
    }

    @Test
    void releasedSlot_isReusedByAnInstanceThatProbesPastIt_neverOverTheLimit() {
        SpendGuard first = guard(null, 3);
        List<String> slots = first.acquire(deadline()).slots;
        first.acquire(deadline());
        first.release(slots, deadline());

        SpendGuard cold = guard(null, 3);
        assertTrue(cold.acquire(deadline()).granted());
        assertFalse(cold.acquire(deadline()).granted(),
                "slot 0 left free is a hole: the count falls short, never over");
    }

    @Test
    void coldInstance_findsTheFirstFreeSlotByBinarySearch() {
        SpendGuard warm = guard(1000, null);
        for (int i = 0; i < 700; i++) {
            warm.acquire(deadline());
        }
        store.reads.set(0);
        store.writes.set(0);

        List<String> slots = guard(1000, null).acquire(deadline()).slots;

        assertEquals(List.of("aigc-spend/day/20261202/700"), slots);
        assertTrue(store.reads.get() <= 10, "log2(1000) reads, not one per task: " + store.reads.get());
        assertEquals(1, store.writes.get());
    }

    @Test
    void concurrentInstances_neverTogetherExceedTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> instances = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SpendGuard guard = guard(null, 25);
                instances.add(pool.submit(() -> {
                    start.await();
                    int granted = 0;
                    for (int n = 0; n < 20; n++) {
                        granted += guard.acquire(deadline()).granted() ? 1 : 0;
                    }
                    return granted;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> instance : instances) {
                total += instance.get(10, TimeUnit.SECONDS);
            }
            assertEquals(25, total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void firstRefusal_isTrueOncePerWindowAcrossInstances() {
        assertTrue(guard(null, 1).firstRefusal("hour/2026120210", deadline()));
        assertFalse(guard(null, 1).firstRefusal("hour/2026120210", deadline()));
        assertTrue(guard(null, 1).firstRefusal("hour/2026120211", deadline()));
    }
}
