package com.aigcaudio.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one invocation did, counted for metrics; filled where each outcome is decided, read once at the end. */
public final class Tally {
    /** The counted events, by the names metrics carry. */
    public enum Count {
        TASKS_CREATED("TasksCreated"),
        DUPLICATES_SKIPPED("DuplicatesSkipped"),
        TASKS_FAILED("TasksFailed"),
        SOUNDTRACKS_DELIVERED("SoundtracksDelivered"),
        UNKNOWN_OUTCOMES("UnknownOutcomes"),
        /** Left for a later attempt that will come on its own (the platform's retry, a claim's holder): no failure. */
        DEFERRED("Deferred"),
        SPEND_REFUSED("SpendRefused");

        private final String metric;

        Count(String metric) {
            this.metric = metric;
        }

        public String metric() {
            return metric;
        }
    }

    private final Map<Count, Integer> counts = new EnumMap<>(Count.class);
    private final Map<String, Integer> failuresByCode = new TreeMap<>();
    private final List<Long> deliveryLatenciesMs = new ArrayList<>();

    public synchronized void add(Count count) {
        counts.merge(count, 1, Integer::sum);
    }

    /** A task that failed (TasksFailed), with the code that says why. */
    public synchronized void failed(String code) {
        add(Count.TASKS_FAILED);
        failuresByCode.merge(code == null ? "Unknown" : code, 1, Integer::sum);
    }

    /** A soundtrack delivered, {@code latencyMs} after its task was created. */
    public synchronized void delivered(long latencyMs) {
        add(Count.SOUNDTRACKS_DELIVERED);
        deliveryLatenciesMs.add(latencyMs);
    }

    public synchronized void addAll(Tally other) {
        other.counts.forEach((count, n) -> counts.merge(count, n, Integer::sum));
        other.failuresByCode.forEach((code, n) -> failuresByCode.merge(code, n, Integer::sum));
        deliveryLatenciesMs.addAll(other.deliveryLatenciesMs);
    }

    public synchronized int count(Count count) {
        return counts.getOrDefault(count, 0);
    }

    public synchronized Map<String, Integer> failuresByCode() {
        return Collections.unmodifiableMap(new TreeMap<>(failuresByCode));
    }

    public synchronized List<Long> deliveryLatenciesMs() {
        return List.copyOf(deliveryLatenciesMs);
    }
}
