package com.aigcaudio.submit;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.UtcStamps;
import com.aigcaudio.store.ObjectStore;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AIGC_MAX_TASKS_PER_DAY / _PER_HOUR (UTC windows), counted in the state store as numbered slot markers claimed
 * forbid-overwrite: {@code aigc-spend/day/20261202/17}. Each task takes one slot per window, so instances can
 * never together exceed a limit (no overrun); a slot released by a task that was not created is reused only by
 * an instance that probes past it (the count may fall short, never over). An instance finds the first free slot
 * by binary search over the existing ones, so a cold instance costs a handful of reads, not one per task so far.
 */
public final class SpendGuard {
    /** Where slot markers live in the state store. */
    public static final String PREFIX = "aigc-spend/";

    private final ObjectStore store;
    private final Integer perDay;
    private final Integer perHour;
    private final Clock clock;
    private final Map<String, Integer> hints = new ConcurrentHashMap<>();

    public SpendGuard(ObjectStore store, Integer perDay, Integer perHour, Clock clock) {
        this.store = store;
        this.perDay = perDay;
        this.perHour = perHour;
        this.clock = clock;
    }

    /** The slots taken for one task, or the refusal. */
    static final class Grant {
        final List<String> slots;
        final Instant refusedUntil;
        final String refusedLimit;
        final String refusedWindow;

        Grant(List<String> slots, Instant refusedUntil, String refusedLimit, String refusedWindow) {
            this.slots = slots;
            this.refusedUntil = refusedUntil;
            this.refusedLimit = refusedLimit;
            this.refusedWindow = refusedWindow;
        }

        boolean granted() {
            return refusedUntil == null;
        }
    }

    /** The hour window {@code instant} falls in, as its slots are named: {@code hour/2026120217}. */
    public static String hourWindow(Instant instant) {
        return "hour/" + UtcStamps.hour(instant);
    }

    /** The day window {@code instant} falls in: {@code day/20261202}. */
    public static String dayWindow(Instant instant) {
        return "day/" + UtcStamps.day(instant);
    }

    boolean enabled() {
        return perDay != null || perHour != null;
    }

    Grant acquire(Deadline deadline) {
        Instant now = clock.instant();
        // Only the current windows matter: forget the hints of past ones.
        hints.keySet().removeIf(w -> !w.equals(hourWindow(now)) && !w.equals(dayWindow(now)));
        List<String> taken = new ArrayList<>();
        if (perHour != null) {
            String window = hourWindow(now);
            String slot = take(window, perHour, deadline);
            if (slot == null) {
                return new Grant(List.of(), now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS),
                        "AIGC_MAX_TASKS_PER_HOUR", window);
            }
            taken.add(slot);
        }
        if (perDay != null) {
            String window = dayWindow(now);
            String slot = take(window, perDay, deadline);
            if (slot == null) {
                release(taken, deadline);
                return new Grant(List.of(), now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS),
                        "AIGC_MAX_TASKS_PER_DAY", window);
            }
            taken.add(slot);
        }
        return new Grant(taken, null, null, null);
    }

    /**
     * True for the first refusal in a window across all instances (a forbid-overwrite marker): a person is told
     * once per window, not once per refused upload.
     */
    boolean firstRefusal(String window, Deadline deadline) {
        return store.put(PREFIX + window + "/refused", ObjectStore.Body.of(new byte[0]), "application/octet-stream",
                Map.of(), true, deadline);
    }

    /** Gives the slots back: the task was certainly not created. */
    void release(List<String> slots, Deadline deadline) {
        for (String slot : slots) {
            store.delete(slot, deadline);
        }
    }

    private String take(String window, int limit, Deadline deadline) {
        int n = hints.computeIfAbsent(window, w -> firstFree(w, limit, deadline));
        for (; n < limit; n++) {
            String key = PREFIX + window + "/" + n;
            if (store.put(key, ObjectStore.Body.of(new byte[0]), "application/octet-stream", Map.of(), true,
                    deadline)) {
                hints.put(window, n + 1);
                return key;
            }
        }
        hints.put(window, limit);
        return null;
    }

    /** The lowest n whose slot is free, assuming slots fill from 0 (holes only lower the count). */
    private int firstFree(String window, int limit, Deadline deadline) {
        int low = 0;
        int high = limit;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (store.get(PREFIX + window + "/" + mid, deadline) != null) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
