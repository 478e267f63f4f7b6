package com.aigcaudio.function;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.Hashing;
import com.aigcaudio.core.InvocationResult;
import com.aigcaudio.core.JsonWritable;
import com.aigcaudio.idempotency.IdempotencyRecord;
import com.aigcaudio.idempotency.IdempotencyStore;
import com.aigcaudio.idempotency.SweepCursor;
import com.aigcaudio.log.Logger;
import com.aigcaudio.store.ObjectStore;
import com.aigcaudio.store.StoreUnavailableException;
import com.aigcaudio.submit.FailureCode;
import com.aigcaudio.track.TrackedTask;
import com.aigcaudio.track.Tracker;
import com.aigcaudio.track.WebhookPayload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Nothing left behind: on each tracker tick, a created task whose tracking record could not be written gets it
 * from its claim, and claims whose window passed without completion are found. One that
 * never reached SENDING (its delivery died before the request left, or its SCF retries ran out while it blocked
 * them) is redone from the work it recorded, through the same trigger, so the upload still gets its task; one
 * that did (SENDING, UNKNOWN_OUTCOME) may have created a task, so it is reported once to a person (an ERROR line
 * and, with AIGC_NOTIFY_URL, a webhook with status {@code unknown}), never re-created.
 *
 * <p>Incremental: a {@link SweepCursor} kept in the store says which claims were read since they were last written;
 * a tick lists the claims (1,000 a request) and reads only those written since, oldest first, plus those still
 * inside their window when last read. A tick that runs out of its share resumes there next time.
 */
final class OrphanSweep {
    private static final Logger LOG = Logger.get(OrphanSweep.class);
    private static final Duration RESERVE = Duration.ofSeconds(2);
    /** How far a bucket's clock may trail ours: claims written this close to a tick are read again next tick. */
    static final Duration CLOCK_MARGIN = Duration.ofSeconds(60);

    private final IdempotencyStore store;
    private final String keyPrefix;
    private final Tracker tracker;
    private final Clock clock;

    OrphanSweep(IdempotencyStore store, String keyPrefix, Tracker tracker, Clock clock) {
        this.store = store;
        this.keyPrefix = keyPrefix;
        this.tracker = tracker;
        this.clock = clock;
    }

    /** What one claim needed. */
    private enum Verdict { SETTLED, PENDING, REDONE, TRACKED, REPORTED }

    /**
     * @param share  when the sweep stops starting on claims (the rest of the run is the tracker's)
     * @param replay runs a recorded {trigger, event} as the function would
     */
    Report run(Instant share, Deadline deadline, BiFunction<String, Map<?, ?>, InvocationResult> replay) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        int left = 0;
        int read = 0;
        try {
            Instant listedAt = clock.instant();
            SweepCursor cursor = store.cursor(keyPrefix, deadline);
            List<ObjectStore.Listed> due = new ArrayList<>();
            for (ObjectStore.Listed claim : store.keys(keyPrefix, deadline)) {
                if (cursor.pending().contains(claim.key()) || !claim.lastModified().isBefore(cursor.watermark())) {
                    due.add(claim);
                }
            }
            due.sort(Comparator.comparing(ObjectStore.Listed::lastModified).thenComparing(ObjectStore.Listed::key));
            Set<String> pending = new TreeSet<>();
            Instant resumeAt = null;
            for (ObjectStore.Listed claim : due) {
                if (clock.instant().isAfter(share) || deadline.remaining().compareTo(RESERVE) < 0) {
                    left++;
                    if (cursor.pending().contains(claim.key())) {
                        pending.add(claim.key());
                    } else if (resumeAt == null) {
                        resumeAt = claim.lastModified();
                    }
                    continue;
                }
                read++;
                Verdict verdict;
                try {
                    verdict = sweep(claim.key(), deadline, replay);
                } catch (StoreUnavailableException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // One claim that cannot be handled never stops the sweep: it is tried again next tick.
                    LOG.error("sweep could not handle a claim; the rest go on", "claim", claim.key(),
                            "error", e.getClass().getSimpleName() + ": " + e.getMessage());
                    verdict = Verdict.PENDING;
                }
                counts.merge(verdict, 1, Integer::sum);
                if (verdict == Verdict.PENDING) {
                    pending.add(claim.key());
                }
            }
            Instant watermark = listedAt.minus(CLOCK_MARGIN);
            if (resumeAt != null && resumeAt.isBefore(watermark)) {
                watermark = resumeAt;
            }
            if (watermark.isBefore(cursor.watermark())) {
                watermark = cursor.watermark();
            }
            SweepCursor next = new SweepCursor(watermark, pending);
            // With nothing read, the old cursor is still exact: an idle tick writes nothing.
            if (read > 0 && !next.equals(cursor)) {
                store.saveCursor(keyPrefix, next, deadline);
            }
        } catch (StoreUnavailableException e) {
            // The cursor is not moved: the next tick reads the same claims again.
            LOG.error("sweep could not read the idempotency store", "error", e.getMessage());
        }
        return new Report(counts, read, left);
    }

    /** What one sweep did: claims redone, tracking records written, unknown outcomes reported, claims read. */
    static final class Report implements JsonWritable {
        private final int redone;
        private final int tracked;
        private final int reportedUnknown;
        private final int read;
        private final int leftForNextRun;

        private Report(Map<Verdict, Integer> counts, int read, int leftForNextRun) {
            this.redone = counts.getOrDefault(Verdict.REDONE, 0);
            this.tracked = counts.getOrDefault(Verdict.TRACKED, 0);
            this.reportedUnknown = counts.getOrDefault(Verdict.REPORTED, 0);
            this.read = read;
            this.leftForNextRun = leftForNextRun;
        }

        int reportedUnknown() {
            return reportedUnknown;
        }

        @Override
        public Map<String, Object> toJsonValue() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("redone", redone);
            json.put("tracked", tracked);
            json.put("reportedUnknown", reportedUnknown);
            json.put("read", read);
            json.put("leftForNextRun", leftForNextRun);
            return json;
        }
    }

    private Verdict sweep(String key, Deadline deadline, BiFunction<String, Map<?, ?>, InvocationResult> replay) {
        IdempotencyRecord record = store.read(key, deadline);
        Instant now = clock.instant();
        if (record == null || !now.isBefore(record.expiresAt())) {
            return Verdict.SETTLED;
        }
        if (record.untracked() != null) {
            track(key, record, deadline);
            return Verdict.TRACKED;
        }
        boolean open = record.status() == IdempotencyRecord.Status.IN_PROGRESS && record.work() != null
                || (record.status() == IdempotencyRecord.Status.SENDING
                || record.status() == IdempotencyRecord.Status.UNKNOWN_OUTCOME) && !record.reported();
        if (!open) {
            return Verdict.SETTLED;
        }
        if (now.isBefore(record.inProgressUntil())) {
            return Verdict.PENDING;
        }
        if (record.status() == IdempotencyRecord.Status.IN_PROGRESS) {
            LOG.warn("redoing the work of an orphaned claim", "idempotency_key", Hashing.sha256Hex(key));
            // A redo that got through rewrote the claim (a takeover): it is read again next tick like any new write.
            InvocationResult redone = replay.apply((String) record.work().get("trigger"),
                    (Map<?, ?>) record.work().get("event"));
            return redone.failed() ? Verdict.PENDING : Verdict.REDONE;
        }
        if (!report(key, record, deadline)) {
            return Verdict.PENDING;
        }
        store.update(key, record.reportedToAPerson(), deadline);
        return Verdict.REPORTED;
    }

    /** A created task whose tracking record was never written: write it from the claim, then mark the claim. */
    private void track(String key, IdempotencyRecord record, Deadline deadline) {
        Map<String, Object> untracked = record.untracked();
        tracker.trackIfUntracked(new TrackedTask(record.taskId(), record.requestId(), (String) untracked.get("source"),
                (String) untracked.get("resultName")), deadline);
        store.update(key, record.tracked(), deadline);
        LOG.warn("tracking record written for a created task that had none", "task_id", record.taskId());
    }

    private boolean report(String key, IdempotencyRecord record, Deadline deadline) {
        LOG.error("a task may or may not exist (the request was sent, its outcome never recorded): check the task "
                + "list; it is never re-created automatically", "idempotency_key", Hashing.sha256Hex(key),
                "request_id", record.requestId());
        return tracker.notifyPerson(WebhookPayload.unknownOutcome(Hashing.sha256Hex(key),
                FailureCode.PREVIOUS_OUTCOME_UNKNOWN.code(), "the request was sent and its outcome never recorded; "
                        + "check the task list before retrying (delete the marker to force)", record.requestId()),
                deadline);
    }
}
