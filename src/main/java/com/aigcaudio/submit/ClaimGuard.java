package com.aigcaudio.submit;

import com.aigcaudio.config.IdempotencyConfig;
import com.aigcaudio.idempotency.Claim;
import com.aigcaudio.idempotency.IdempotencyRecord;
import com.aigcaudio.idempotency.IdempotencyStore;
import com.aigcaudio.idempotency.StoreUnavailableException;
import com.aigcaudio.log.Logger;
import com.aigcaudio.tencent.client.Deadline;
import com.aigcaudio.tencent.client.ErrorClass;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The idempotency state machine around one create: claim the key (IN_PROGRESS), then record COMPLETED with the
 * TaskId, release the claim after a clean failure so a retry can run, or keep it as UNKNOWN_OUTCOME so the task is
 * never re-created blindly. Without a claim nothing is created (fail closed).
 */
final class ClaimGuard {
    private static final Logger LOG = Logger.get(ClaimGuard.class);

    private final IdempotencyStore store;
    private final IdempotencyConfig config;
    private final Clock clock;

    ClaimGuard(IdempotencyStore store, IdempotencyConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    TaskOutcome run(WorkItem item, Deadline deadline, Supplier<TaskOutcome> create) {
        String key = item.key().value();
        Instant now = clock.instant();
        // The claim must outlive this invocation, or a concurrent redelivery could take it over mid-call.
        Instant inProgressUntil = later(now.plus(config.inProgressWindow()), deadline.instant());
        IdempotencyRecord mine = new IdempotencyRecord(IdempotencyRecord.Status.IN_PROGRESS, UUID.randomUUID().toString(),
                inProgressUntil, now.plus(config.ttl()), item.payloadHash(), null, null);
        Claim claim;
        try {
            claim = store.claim(key, mine);
        } catch (StoreUnavailableException e) {
            LOG.error("idempotency store unavailable: nothing created", "source", item.source(), "error", e.getMessage());
            return failed(item, ErrorClass.TRANSIENT, "IdempotencyStoreUnavailable", e.getMessage(), null, null,
                    "no task was created without a claim; a redelivery will try again");
        }
        if (!claim.isOwned()) {
            return standing(item, claim.existing());
        }
        TaskOutcome outcome = create.get();
        try {
            if (outcome.taskId() != null) {
                store.update(key, mine.completed(outcome.taskId(), outcome.requestId()));
            } else if (outcome.failure().errorClass() == ErrorClass.UNKNOWN_OUTCOME) {
                store.update(key, mine.unknownOutcome(outcome.requestId()));
            } else {
                store.release(key);
            }
        } catch (StoreUnavailableException e) {
            // The claim stays IN_PROGRESS and expires after the window; the outcome itself stands.
            LOG.error("could not record the outcome in the idempotency store", "source", item.source(),
                    "task_id", outcome.taskId(), "error", e.getMessage());
        }
        return outcome;
    }

    private TaskOutcome standing(WorkItem item, IdempotencyRecord existing) {
        if (item.payloadHash() != null && existing.payloadHash() != null
                && !item.payloadHash().equals(existing.payloadHash())) {
            return failed(item, ErrorClass.INVALID_REQUEST, "IdempotencyKeyReused",
                    "this Idempotency-Key was already used for a different request", "Idempotency-Key", null,
                    "the key belongs to other work");
        }
        switch (existing.status()) {
            case COMPLETED:
                LOG.info("duplicate: task already created", "source", item.source(), "task_id", existing.taskId());
                return TaskOutcome.duplicate(item.source(), existing.taskId(), existing.requestId(),
                        "already created for this unit of work");
            case UNKNOWN_OUTCOME:
                return failed(item, ErrorClass.UNKNOWN_OUTCOME, "PreviousOutcomeUnknown",
                        "an earlier attempt was sent but its outcome is unknown; check the task list before retrying",
                        null, existing.requestId(), "not re-created, to avoid a duplicate paid task");
            default:
                return failed(item, ErrorClass.TRANSIENT, "InProgress", "another delivery of this work is in progress "
                        + "until " + existing.inProgressUntil(), null, null, "a redelivery will see its outcome");
        }
    }

    private static TaskOutcome failed(WorkItem item, ErrorClass errorClass, String code, String message, String field,
                                      String requestId, String reason) {
        return TaskOutcome.failed(item.source(), new TaskOutcome.Failure(errorClass, code, message, field, requestId),
                reason);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
