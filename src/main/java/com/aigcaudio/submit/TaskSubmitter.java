package com.aigcaudio.submit;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.ErrorClass;
import com.aigcaudio.core.InvalidRequestException;
import com.aigcaudio.idempotency.IdempotencyKey;
import com.aigcaudio.json.Json;
import com.aigcaudio.log.Logger;
import com.aigcaudio.log.Redaction;
import com.aigcaudio.plan.Plan;
import com.aigcaudio.store.StoreUnavailableException;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.tencent.aigc.CreateAigcAudioTask;
import com.aigcaudio.tencent.aigc.CreatedTask;
import com.aigcaudio.tencent.client.ApiException;
import com.aigcaudio.track.TrackedTask;
import com.aigcaudio.track.Tracker;
import com.aigcaudio.track.WebhookPayload;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Plans and submits one unit of work and reports its outcome; every failure becomes a classified outcome rather than
 * an exception, so one bad record never hides the others.
 */
public final class TaskSubmitter {
    private static final Logger LOG = Logger.get(TaskSubmitter.class);
    /** Prompts are user content: logs keep only their start. */
    static final int PROMPT_LOG_CHARS = 80;

    private final Supplier<AigcAudioTasks> tasks;
    private static final Redaction DRY_RUN_REDACTION = new Redaction(List.of());
    private final ClaimGuard claims;
    private final SpendGuard spend;
    private final Tracker tracker;
    private final boolean dryRun;

    /**
     * @param tasks   the API client, built on first use so that invocations that call nothing never pay for it
     * @param tracker follows every created task to its result
     * @param dryRun  plan and log every task, send nothing
     */
    public TaskSubmitter(Supplier<AigcAudioTasks> tasks, ClaimGuard claims, SpendGuard spend, Tracker tracker,
                         boolean dryRun) {
        this.tasks = tasks;
        this.claims = claims;
        this.spend = spend;
        this.tracker = tracker;
        this.dryRun = dryRun;
    }

    /** The idempotency key of the work a trigger describes by its canonical identity. */
    public IdempotencyKey keyOf(Map<String, Object> identity) {
        return claims.keyOf(identity);
    }

    /**
     * The pipeline, top to bottom: plan → claim → admit (spend) → mark sending → send → track → record. Every
     * failure becomes a classified outcome; an {@link InvalidRequestException} in planning stores nothing.
     */
    public TaskOutcome submit(WorkItem item, Deadline deadline) {
        String source = item.source();
        Plan plan;
        try {
            plan = item.planning().get();
        } catch (InvalidRequestException e) {
            LOG.warn("request refused before any call", "source", source, "field", e.field(), "error", e.getMessage());
            return TaskOutcome.failed(source, invalid(e), "invalid task parameters");
        }
        if (plan.skipped()) {
            LOG.info("skipped", "source", source, "reason", plan.skipReason());
            return TaskOutcome.skipped(source, plan.skipReason());
        }
        if (LOG.enabled(Logger.Level.DEBUG)) {
            LOG.debug("task planned", "source", source, "prompt", Redaction.truncate(plan.task().prompt(),
                    PROMPT_LOG_CHARS));
        }
        if (dryRun) {
            // Presigned media URLs in the request carry signatures: the log gets them blanked.
            LOG.info("dry run: task planned, nothing sent", "source", source, "action", plan.task().action(),
                    "request", DRY_RUN_REDACTION.redact(Json.parse(Json.toBytes(plan.task().toJsonValue()))));
            return TaskOutcome.planned(source);
        }
        if (item.key() != null) {
            Logger.putContext("idempotency_key", item.key().hash());
        }
        try {
            ClaimGuard.Held held = claims.claim(item, deadline);
            if (held.stop() != null) {
                return held.stop();
            }
            // Admitted before SENDING: a process that dies while counting leaves a claim a redelivery takes over.
            Admission admission = admit(item, deadline);
            if (admission.refusal != null) {
                claims.release(held, item, deadline);
                return admission.refusal;
            }
            TaskOutcome unmarked = claims.markSending(held, item, deadline);
            if (unmarked != null) {
                admission.giveBack(item, deadline);
                return unmarked;
            }
            // Tracked before it is recorded, so that one write says whether the tracking record exists.
            TaskOutcome outcome = sendAndTrack(item, plan.task(), deadline);
            if (outcome.failure() != null && outcome.failure().errorClass() != ErrorClass.UNKNOWN_OUTCOME) {
                admission.giveBack(item, deadline);
            }
            claims.settle(held, item, outcome, deadline);
            return outcome;
        } finally {
            Logger.removeContext("idempotency_key");
        }
    }

    /** The spend guard's answer for one task: the slots it took, or the refusal. */
    private final class Admission {
        private final SpendGuard.Grant grant;
        private final TaskOutcome refusal;

        Admission(SpendGuard.Grant grant, TaskOutcome refusal) {
            this.grant = grant;
            this.refusal = refusal;
        }

        /** The task was certainly not created: its slots count for nothing. */
        void giveBack(WorkItem item, Deadline deadline) {
            if (grant == null || !grant.granted()) {
                return;
            }
            try {
                spend.release(grant.slots, deadline);
            } catch (StoreUnavailableException e) {
                LOG.warn("could not give a spend slot back", "source", item.source(), "error", e.getMessage());
            }
        }
    }

    private Admission admit(WorkItem item, Deadline deadline) {
        if (!spend.enabled()) {
            return new Admission(null, null);
        }
        SpendGuard.Grant grant;
        try {
            grant = spend.acquire(deadline);
        } catch (StoreUnavailableException e) {
            LOG.error("spend guard unavailable: nothing created", "source", item.source(), "error", e.getMessage());
            return new Admission(null, TaskOutcome.failed(item.source(), new TaskOutcome.Failure(
                    FailureCode.IDEMPOTENCY_STORE_UNAVAILABLE, e.getMessage(), null, null, null),
                    "the spend count could not be read"));
        }
        if (grant.granted()) {
            return new Admission(grant, null);
        }
        LOG.error("spend limit reached: nothing created", "source", item.source(), "limit", grant.refusedLimit,
                "reset_at", grant.refusedUntil.toString());
        notifyRefusal(grant, item.source(), deadline);
        return new Admission(grant, TaskOutcome.failed(item.source(), new TaskOutcome.Failure(
                FailureCode.SPEND_LIMIT_REACHED,
                grant.refusedLimit + " is reached; new tasks are refused until " + grant.refusedUntil, null, null,
                grant.refusedUntil), "refused by the spend guard"));
    }

    /** The webhook hears of the first refusal in each window (one notice, not one per refused upload). */
    private void notifyRefusal(SpendGuard.Grant grant, String source, Deadline deadline) {
        try {
            if (!spend.firstRefusal(grant.refusedWindow, deadline)) {
                return;
            }
            tracker.notifyPerson(WebhookPayload.spendRefused(source, FailureCode.SPEND_LIMIT_REACHED.code(),
                    grant.refusedLimit + " is reached; new tasks are refused until " + grant.refusedUntil,
                    grant.refusedUntil), deadline);
        } catch (StoreUnavailableException e) {
            LOG.warn("could not record the spend-limit notice", "error", e.getMessage());
        }
    }

    private TaskOutcome sendAndTrack(WorkItem item, CreateAigcAudioTask task, Deadline deadline) {
        String source = item.source();
        long started = System.nanoTime();
        try {
            CreatedTask created = tasks.get().create(task, deadline);
            LOG.info("task created", "source", source, "task_id", created.taskId(), "request_id", created.requestId(),
                    "attempts", created.attempts(), "duration_ms", (System.nanoTime() - started) / 1_000_000);
            try {
                tracker.track(new TrackedTask(created.taskId(), created.requestId(), source, item.resultName()),
                        deadline);
            } catch (StoreUnavailableException e) {
                LOG.error("task created but its tracking record not written: the claim keeps what tracking needs "
                        + "and the tracker's sweep writes it", "source", source, "task_id", created.taskId(),
                        "error", e.getMessage());
                return TaskOutcome.createdUntracked(source, created.taskId(), created.requestId());
            }
            return TaskOutcome.created(source, created.taskId(), created.requestId());
        } catch (InvalidRequestException e) {
            return TaskOutcome.failed(source, invalid(e), "invalid task parameters");
        } catch (ApiException e) {
            Logger.Level level = e.errorClass() == ErrorClass.UNKNOWN_OUTCOME ? Logger.Level.ERROR : Logger.Level.WARN;
            LOG.log(level, "task not created", "source", source, "error_code", e.code(), "request_id", e.requestId(),
                    "error_class", e.errorClass().name(), "attempts", e.attempts(),
                    "duration_ms", (System.nanoTime() - started) / 1_000_000);
            return TaskOutcome.failed(source, new TaskOutcome.Failure(e.errorClass(), e.code(), e.detail(), null,
                    e.requestId()), reason(e));
        }
    }

    private static TaskOutcome.Failure invalid(InvalidRequestException e) {
        return new TaskOutcome.Failure(ErrorClass.INVALID_REQUEST, "InvalidRequest", e.getMessage(), e.field(), null);
    }

    private static String reason(ApiException e) {
        switch (e.errorClass()) {
            case UNKNOWN_OUTCOME:
                return "the outcome is unknown: a task may exist; not retried, to avoid a duplicate paid task";
            case THROTTLED:
            case TRANSIENT:
                return "temporary failure; a redelivery will try again";
            case CONTENT_REJECTED:
                return "refused by content review";
            default:
                // No HTTP status: the service never answered (a TLS handshake failed), so it refused nothing.
                return e.httpStatus() == 0 ? "could not reach the API; nothing was sent" : "refused by the API";
        }
    }
}
