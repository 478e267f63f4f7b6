package com.aigcaudio.submit;

import com.aigcaudio.config.IdempotencyConfig;
import com.aigcaudio.idempotency.Claim;
import com.aigcaudio.idempotency.IdempotencyRecord;
import com.aigcaudio.idempotency.IdempotencyStore;
import com.aigcaudio.store.StoreUnavailableException;
import com.aigcaudio.log.Logger;
import com.aigcaudio.tencent.client.Deadline;
import com.aigcaudio.tencent.client.ErrorClass;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The idempotency state machine around one create: claim the key (IN_PROGRESS), mark it SENDING just before the
 * request leaves, then record COMPLETED with the TaskId, release the claim after a clean failure so a retry can
 * run, or keep it as UNKNOWN_OUTCOME so the task is never re-created blindly. Without a claim nothing is created.
 */
final class ClaimGuard {
    private static final Logger LOG = Logger.get(ClaimGuard.class);

    private static final int RECORD_ATTEMPTS = 4;
    private static final long RECORD_BACKOFF_MS = 100;

    private final IdempotencyStore store;
    private final IdempotencyConfig config;
    private final Clock clock;

    ClaimGuard(IdempotencyStore store, IdempotencyConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /** Admission runs once the claim is owned and before it is marked SENDING; a refusal releases the claim. */
    TaskOutcome run(WorkItem item, Deadline deadline, GuardedAttempt attempt) {
        String key = item.key().value();
        Instant now = clock.instant();
        // The claim must outlive this invocation, or a concurrent redelivery could take it over mid-call.
        Instant inProgressUntil = later(now.plus(config.inProgressWindow()), deadline.instant());
        IdempotencyRecord mine = new IdempotencyRecord(IdempotencyRecord.Status.IN_PROGRESS, UUID.randomUUID().toString(),
                inProgressUntil, now.plus(config.ttl()), item.payloadHash(), null, null, item.replay(), false);
        Claim claim;
        try {
            claim = store.claim(key, mine, deadline);
        } catch (StoreUnavailableException e) {
            LOG.error("idempotency store unavailable: nothing created", "source", item.source(), "error", e.getMessage());
            return storeUnavailable(item, e);
        }
        if (!claim.isOwned()) {
            return standing(item, claim.existing());
        }
        TaskOutcome refused = attempt.admit();
        if (refused != null) {
            releaseQuietly(item, key, mine, deadline);
            return refused;
        }
        IdempotencyRecord sending = mine.sending();
        try {
            // Written before the POST: if this process dies with the request in flight, the next delivery finds
            // SENDING, an unknown outcome, instead of an expired claim it would take over and pay for again.
            store.update(key, sending, deadline);
        } catch (StoreUnavailableException e) {
            LOG.error("could not mark the claim as sending: nothing created", "source", item.source(), "error", e.getMessage());
            attempt.abandon();
            releaseQuietly(item, key, mine, deadline);
            return storeUnavailable(item, e);
        }
        TaskOutcome outcome = attempt.send();
        if (outcome.taskId() != null) {
            record(item, key, outcome.untracked()
                    ? sending.completedUntracked(outcome.taskId(), outcome.requestId(), item.source(), item.resultName())
                    : sending.completed(outcome.taskId(), outcome.requestId()), deadline, outcome);
        } else if (outcome.failure().errorClass() == ErrorClass.UNKNOWN_OUTCOME) {
            record(item, key, sending.unknownOutcome(outcome.requestId()), deadline, outcome);
        } else {
            releaseQuietly(item, key, mine, deadline);
        }
        return outcome;
    }

    /**
     * Writes the outcome, retrying within the deadline: a record left at SENDING reads as an unknown outcome,
     * safe but needing a person, so it is worth a few attempts.
     */
    private void record(WorkItem item, String key, IdempotencyRecord record, Deadline deadline, TaskOutcome outcome) {
        long backoffMs = RECORD_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                store.settle(key, record, deadline);
                return;
            } catch (StoreUnavailableException e) {
                if (attempt == RECORD_ATTEMPTS || deadline.remaining().toMillis() <= backoffMs) {
                    LOG.error("could not record the outcome: the claim stays SENDING (an unknown outcome, never "
                            + "re-created)", "source", item.source(), "task_id", outcome.taskId(), "error", e.getMessage());
                    return;
                }
                sleep(backoffMs);
                backoffMs *= 2;
            }
        }
    }

    private void releaseQuietly(WorkItem item, String key, IdempotencyRecord mine, Deadline deadline) {
        try {
            store.release(key, mine, deadline);
        } catch (StoreUnavailableException e) {
            // The claim never reached SENDING: after its window a redelivery takes it over.
            LOG.error("could not release the claim", "source", item.source(), "error", e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TaskOutcome storeUnavailable(WorkItem item, StoreUnavailableException e) {
        return failed(item, ErrorClass.TRANSIENT, FailureCode.IDEMPOTENCY_STORE_UNAVAILABLE, e.getMessage(), null, null,
                "no task was created without a claim; a redelivery will try again");
    }

    private TaskOutcome standing(WorkItem item, IdempotencyRecord existing) {
        if (item.payloadHash() != null && existing.payloadHash() != null
                && !item.payloadHash().equals(existing.payloadHash())) {
            return failed(item, ErrorClass.INVALID_REQUEST, FailureCode.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was already used for a different request", "Idempotency-Key", null,
                    "the key belongs to other work");
        }
        switch (existing.status()) {
            case COMPLETED:
                LOG.info("duplicate: task already created", "source", item.source(), "task_id", existing.taskId());
                return TaskOutcome.duplicate(item.source(), existing.taskId(), existing.requestId(),
                        "already created for this unit of work");
            case SENDING:
                if (clock.instant().isBefore(existing.inProgressUntil())) {
                    return inProgress(item, existing);
                }
                // Its holder sent the request and never recorded what happened: it may have created the task.
                return failed(item, ErrorClass.UNKNOWN_OUTCOME, FailureCode.PREVIOUS_OUTCOME_UNKNOWN,
                        "an earlier attempt sent the request and stopped before recording its outcome; check the "
                                + "task list before retrying", null, null, "not re-created, to avoid a duplicate paid task");
            case UNKNOWN_OUTCOME:
                return failed(item, ErrorClass.UNKNOWN_OUTCOME, FailureCode.PREVIOUS_OUTCOME_UNKNOWN,
                        "an earlier attempt was sent but its outcome is unknown; check the task list before retrying",
                        null, existing.requestId(), "not re-created, to avoid a duplicate paid task");
            default:
                return inProgress(item, existing);
        }
    }

    private static TaskOutcome inProgress(WorkItem item, IdempotencyRecord existing) {
        return failed(item, ErrorClass.TRANSIENT, FailureCode.IN_PROGRESS, "another delivery of this work is in progress "
                + "until " + existing.inProgressUntil(), null, null, "a redelivery will see its outcome");
    }

    private static TaskOutcome failed(WorkItem item, ErrorClass errorClass, FailureCode code, String message,
                                      String field, String requestId, String reason) {
        return TaskOutcome.failed(item.source(), new TaskOutcome.Failure(errorClass, code.code(), message, field,
                        requestId),
                reason);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
