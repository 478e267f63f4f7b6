package com.aigcaudio.function;

import com.aigcaudio.idempotency.IdempotencyRecord;
import com.aigcaudio.idempotency.IdempotencyStore;
import com.aigcaudio.log.Logger;
import com.aigcaudio.store.StoreUnavailableException;
import com.aigcaudio.tencent.client.Deadline;
import com.aigcaudio.support.Hashing;
import com.aigcaudio.track.Tracker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Nothing left behind: on each tracker tick, a created task whose tracking record could not be written gets it
 * from its claim, and claims whose window passed without completion are found. One that
 * never reached SENDING (its delivery died before the request left, or its SCF retries ran out while it blocked
 * them) is redone from the work it recorded, through the same trigger, so the upload still gets its task; one
 * that did (SENDING, UNKNOWN_OUTCOME) may have created a task, so it is reported once to a person (an ERROR line
 * and, with AIGC_NOTIFY_URL, a webhook with status {@code unknown}), never re-created.
 */
final class OrphanSweep {
    private static final Logger LOG = Logger.get(OrphanSweep.class);
    private static final Duration RESERVE = Duration.ofSeconds(2);

    private final IdempotencyStore store;
    private final String keyPrefix;
    private final Tracker tracker;
    private final Clock clock;

    OrphanSweep(IdempotencyStore store, String keyPrefix, Tracker tracker, Clock clock) {
        this.store = store;
        this.keyPrefix = keyPrefix + ":";
        this.tracker = tracker;
        this.clock = clock;
    }

    /** @param replay runs a recorded {trigger, event} as the function would */
    Map<String, Object> run(Deadline deadline, BiFunction<String, Map<?, ?>, InvocationResult> replay) {
        int redone = 0;
        int tracked = 0;
        int reported = 0;
        int left = 0;
        try {
            for (String key : store.keys(deadline)) {
                if (!key.startsWith(keyPrefix)) {
                    continue;
                }
                if (deadline.remaining().compareTo(RESERVE) < 0) {
                    left++;
                    continue;
                }
                IdempotencyRecord record = store.read(key, deadline);
                Instant now = clock.instant();
                if (record != null && record.untracked() != null) {
                    track(key, record, deadline);
                    tracked++;
                    continue;
                }
                if (record == null || now.isBefore(record.inProgressUntil()) || !now.isBefore(record.expiresAt())) {
                    continue;
                }
                if (record.status() == IdempotencyRecord.Status.IN_PROGRESS && record.work() != null) {
                    LOG.warn("redoing the work of an orphaned claim", "idempotency_key", Hashing.sha256Hex(key));
                    replay.apply((String) record.work().get("trigger"), (Map<?, ?>) record.work().get("event"));
                    redone++;
                } else if ((record.status() == IdempotencyRecord.Status.SENDING
                        || record.status() == IdempotencyRecord.Status.UNKNOWN_OUTCOME) && !record.reported()) {
                    if (report(key, record, deadline)) {
                        store.update(key, record.reportedToAPerson(), deadline);
                        reported++;
                    }
                }
            }
        } catch (StoreUnavailableException e) {
            LOG.error("sweep could not read the idempotency store", "error", e.getMessage());
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("redone", redone);
        report.put("tracked", tracked);
        report.put("reportedUnknown", reported);
        report.put("leftForNextRun", left);
        return report;
    }

    /** A created task whose tracking record was never written: write it from the claim, then mark the claim. */
    private void track(String key, IdempotencyRecord record, Deadline deadline) {
        Map<String, Object> untracked = record.untracked();
        tracker.trackIfUntracked(record.taskId(), record.requestId(), (String) untracked.get("source"),
                (String) untracked.get("resultName"), deadline);
        store.update(key, record.tracked(), deadline);
        LOG.warn("tracking record written for a created task that had none", "task_id", record.taskId());
    }

    private boolean report(String key, IdempotencyRecord record, Deadline deadline) {
        LOG.error("a task may or may not exist (the request was sent, its outcome never recorded): check the task "
                + "list; it is never re-created automatically", "idempotency_key", Hashing.sha256Hex(key),
                "request_id", record.requestId());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("status", "unknown");
        payload.put("idempotencyKey", Hashing.sha256Hex(key));
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", "PreviousOutcomeUnknown");
        error.put("message", "the request was sent and its outcome never recorded; check the task list before "
                + "retrying (delete the marker to force)");
        error.put("requestId", record.requestId());
        payload.put("error", error);
        return tracker.notifyPerson(payload, deadline);
    }
}
