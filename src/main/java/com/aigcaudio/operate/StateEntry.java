package com.aigcaudio.operate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One line of {@code state list}: a tracked task, or a claim that needs attention. */
public final class StateEntry {
    /** What an operator sees, in plain words. */
    public enum Status {
        WAITING, RUNNING, DELIVERED, FAILED, EXPIRED,
        /** The request was sent and its outcome never recorded: a task may exist. Resolve it. */
        UNKNOWN,
        /** Claimed by a delivery that is still inside its window. */
        IN_PROGRESS,
        /** Claimed, never sent, window passed: the next tracker tick (or {@code state retry}) redoes it. */
        ORPHANED,
        /** Created, but its tracking record not written yet: the next tracker tick writes it. */
        UNTRACKED;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Status ofLabel(String label) {
            for (Status status : values()) {
                if (status.label().equals(label)) {
                    return status;
                }
            }
            return null;
        }
    }

    final Status status;
    final String key;
    final String taskId;
    final String source;
    final Instant since;
    final String error;

    /**
     * @param key    the claim's key, or null for a task's record
     * @param since  when the record was created or last written
     */
    StateEntry(Status status, String key, String taskId, String source, Instant since, String error) {
        this.status = status;
        this.key = key;
        this.taskId = taskId;
        this.source = source;
        this.since = since;
        this.error = error;
    }

    public Status status() {
        return status;
    }

    public Instant since() {
        return since;
    }

    public Map<String, Object> toJson(Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status.label());
        json.put("key", key);
        json.put("taskId", taskId);
        json.put("source", source);
        json.put("ageSeconds", since == null ? null : Duration.between(since, now).getSeconds());
        json.put("error", error);
        return json;
    }

    /** One line: status, age, task id, source, error, claim key. */
    public String toLine(Instant now) {
        return String.format(Locale.ROOT, "%-12s %8s  %-28s %s%s%s", status.label(), age(now),
                taskId == null ? "-" : taskId, source == null ? "-" : source, error == null ? "" : "  " + error,
                key == null ? "" : "  key " + key);
    }

    private String age(Instant now) {
        if (since == null) {
            return "-";
        }
        long s = Math.max(0, Duration.between(since, now).getSeconds());
        return s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s < 172_800 ? s / 3600 + "h" : s / 86_400 + "d";
    }
}
