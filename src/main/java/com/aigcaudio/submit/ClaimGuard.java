package com.aigcaudio.submit;

import com.aigcaudio.config.StateConfig;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.ErrorClass;
import com.aigcaudio.idempotency.Claim;
import com.aigcaudio.idempotency.IdempotencyKey;
import com.aigcaudio.idempotency.IdempotencyRecord;
import com.aigcaudio.idempotency.IdempotencyStore;
import com.aigcaudio.log.Logger;
import com.aigcaudio.store.CorruptRecordException;
import com.aigcaudio.store.StoreUnavailableException;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The idempotency state machine around one create: claim the key (IN_PROGRESS), mark it SENDING just before the
 * request leaves, then record COMPLETED with the TaskId, release the claim after a clean failure so a retry can
 * run, or keep it as UNKNOWN_OUTCOME so the task is never re-created blindly. Without a claim nothing is created.
 */
public final class ClaimGuard {
    private static final Logger LOG = Logger.get(ClaimGuard.class);


    private final IdempotencyStore store;
    private final StateConfig config;
    private final Clock clock;

    public ClaimGuard(IdempotencyStore store, StateConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /** The key of the work a trigger describes (its canonical identity), under the configured prefix. */
    public IdempotencyKey keyOf(Map<String, Object> identity) {
        return IdempotencyKey.of(config.keyPrefix(), identity);
    }

    /**
     * The claim one submission holds, or the outcome that stops it (a duplicate, work in progress, a reused key,
     * a store that could not be reached). Work without a key holds an empty claim: nothing is written for it.
     */
    static final class Held {
        private final String key;
        private final IdempotencyRecord mine;
        private final TaskOutcome stop;
        private IdempotencyRecord sending;

        private Held(String key, IdempotencyRecord mine, TaskOutcome stop) {
            this.key = key;
            this.mine = mine;
            this.stop = stop;
        }

        /** Null while the submission may go on. */
        TaskOutcome stop() {
            return stop;
        }

        private boolean empty() {
            return key == null;
        }
    }

    /** Claims the item's key (IN_PROGRESS, outliving this invocation so a redelivery cannot take it over mid-call). */
    Held claim(WorkItem item, Deadline deadline) {
        if (item.key() == null) {
            return new Held(null, null, null);
        }
        String key = item.key().value();
        Instant now = clock.instant();
        Instant inProgressUntil = later(now.plus(config.inProgressWindow()), deadline.instant());
        IdempotencyRecord mine = IdempotencyRecord.claim(UUID.randomUUID().toString(), inProgressUntil,
                now.plus(config.ttl()), item.payloadHash(), item.replay());
        Claim claim;
        try {
            claim = store.claim(key, mine, deadline);
        } catch (StoreUnavailableException e) {
            LOG.error("idempotency store unavailable: nothing created", "source", item.source(), "error",
                    e.getMessage());
            return new Held(key, null, storeUnavailable(item, e));
        } catch (CorruptRecordException e) {
            LOG.error("the claim record cannot be read: nothing created; see `state show`", "source", item.source(),
                    "claim", key, "error", e.getMessage());
            return new Held(key, null, failed(item, FailureCode.CLAIM_UNREADABLE, e.getMessage(), null, null,
                    "its claim record cannot be read, so whether a task exists is unknown: nothing was created"));
        }
        return claim.isOwned() ? new Held(key, mine, null) : new Held(key, null, standing(item, claim.existing()));
    }

    /**
     * Marks the claim SENDING just before the request leaves: if this process dies with the request in flight, the
     * next delivery finds an unknown outcome instead of an expired claim it would take over and pay for again.
     *
     * @return null when marked; otherwise the outcome to report, and the claim is released (nothing was sent)
     */
    TaskOutcome markSending(Held held, WorkItem item, Deadline deadline) {
        if (held.empty()) {
            return null;
        }
        IdempotencyRecord sending = held.mine.sending();
        try {
            store.update(held.key, sending, deadline);
        } catch (StoreUnavailableException | CorruptRecordException e) {
            LOG.error("could not mark the claim as sending: nothing created", "source", item.source(), "error",
                    e.getMessage());
            release(held, item, deadline);
            return storeUnavailable(item, e);
        }
        held.sending = sending;
        return null;
    }

    /**
     * Records what the request did: COMPLETED with the TaskId, or UNKNOWN_OUTCOME so the task is never re-created
     * blindly; after a clean failure the claim is released so a retry can run.
     */
    void settle(Held held, WorkItem item, TaskOutcome outcome, Deadline deadline) {
        if (held.empty()) {
            return;
        }
        IdempotencyRecord sending = held.sending;
        if (outcome.taskId() != null) {
            record(item, held.key, outcome.untracked()
                    ? sending.completedUntracked(outcome.taskId(), outcome.requestId(), item.source(),
                            item.resultName())
                    : sending.completed(outcome.taskId(), outcome.requestId()), deadline, outcome);
        } else if (outcome.failure().errorClass() == ErrorClass.UNKNOWN_OUTCOME) {
            record(item, held.key, sending.unknownOutcome(outcome.requestId()), deadline, outcome);
        } else {
            release(held, item, deadline);
        }
    }

    /** Gives the claim up before anything was sent; a claim that cannot be released expires after its window. */
    void release(Held held, WorkItem item, Deadline deadline) {
        if (held.empty()) {
            return;
        }
        try {
            store.release(held.key, held.mine, deadline);
        } catch (StoreUnavailableException | CorruptRecordException e) {
            // The claim never reached SENDING: after its window a redelivery takes it over.
            LOG.error("could not release the claim", "source", item.source(), "error", e.getMessage());
        }
    }

    /**
     * Writes the outcome. The store already retries within the deadline ({@code StoreRetry}): a second loop here
     * would multiply its attempts. A record left at SENDING reads as an unknown outcome: safe, never re-created.
     */
    private void record(WorkItem item, String key, IdempotencyRecord record, Deadline deadline, TaskOutcome outcome) {
        try {
            store.settle(key, record, deadline);
        } catch (StoreUnavailableException | CorruptRecordException e) {
            LOG.error("could not record the outcome: the claim stays SENDING (an unknown outcome, never "
                    + "re-created)", "source", item.source(), "task_id", outcome.taskId(), "error", e.getMessage());
        }
    }

    private static TaskOutcome storeUnavailable(WorkItem item, RuntimeException e) {
        return failed(item, FailureCode.IDEMPOTENCY_STORE_UNAVAILABLE, e.getMessage(), null, null,
                "no task was created without a claim; a redelivery will try again");
    }

    private TaskOutcome standing(WorkItem item, IdempotencyRecord existing) {
        if (item.payloadHash() != null && existing.payloadHash() != null
                && !item.payloadHash().equals(existing.payloadHash())) {
            return failed(item, FailureCode.IDEMPOTENCY_KEY_REUSED,
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
                return failed(item, FailureCode.PREVIOUS_OUTCOME_UNKNOWN,
                        "an earlier attempt sent the request and stopped before recording its outcome; check the "
                                + "task list before retrying", null, null,
                                        "not re-created, to avoid a duplicate paid task");
            case UNKNOWN_OUTCOME:
                return failed(item, FailureCode.PREVIOUS_OUTCOME_UNKNOWN,
                        "an earlier attempt was sent but its outcome is unknown; check the task list before retrying",
                        null, existing.requestId(), "not re-created, to avoid a duplicate paid task");
            default:
                return inProgress(item, existing);
        }
    }

    private static TaskOutcome inProgress(WorkItem item, IdempotencyRecord existing) {
        return failed(item, FailureCode.IN_PROGRESS, "another delivery of this work is in progress "
                + "until " + existing.inProgressUntil(), null, null, "a redelivery will see its outcome");
    }

    private static TaskOutcome failed(WorkItem item, FailureCode code, String message, String field, String requestId,
                                      String reason) {
        return TaskOutcome.failed(item.source(), new TaskOutcome.Failure(code, message, field, requestId, null),
                reason);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
