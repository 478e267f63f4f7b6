package com.aigcaudio.submit;

import com.aigcaudio.config.IdempotencyConfig;
import com.aigcaudio.idempotency.IdempotencyStore;
import com.aigcaudio.json.Json;
import com.aigcaudio.log.Logger;
import com.aigcaudio.log.Redaction;
import com.aigcaudio.plan.Plan;
import com.aigcaudio.store.ObjectStore;
import com.aigcaudio.store.StoreUnavailableException;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.track.Tracker;
import com.aigcaudio.tencent.aigc.CreateAigcAudioTask;
import com.aigcaudio.tencent.aigc.CreatedTask;
import com.aigcaudio.tencent.client.ApiException;
import com.aigcaudio.tencent.client.Deadline;
import com.aigcaudio.tencent.client.ErrorClass;
import com.aigcaudio.tencent.client.InvalidRequestException;

import java.time.Clock;
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
    private static final Redaction DRY_RUN_REDACTION = new Redaction(java.util.List.of());
    private final ClaimGuard guard;
    private final Tracker tracker;
    private final boolean dryRun;
    private final SpendGuard spend;

    /**
     * @param tasks the API client, built on first use so that invocations that call nothing never pay for it
     * @param store where idempotency records live
     */
    /** @param tracker follows every created task to its result */
    public TaskSubmitter(Supplier<AigcAudioTasks> tasks, IdempotencyStore store, IdempotencyConfig config,
                         Tracker tracker, boolean dryRun, ObjectStore state, Integer maxPerDay, Integer maxPerHour,
                         Clock clock) {
        this.tasks = tasks;
        this.spend = new SpendGuard(state, maxPerDay, maxPerHour, clock);
        this.dryRun = dryRun;
        this.guard = new ClaimGuard(store, config, clock);
        this.tracker = tracker;
    }

    /**
     * Plans the item (an {@link InvalidRequestException} is reported, not thrown, and nothing is stored), then
     * creates its task, under the item's idempotency key when it has one.
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
            LOG.debug("task planned", "source", source, "prompt", Redaction.truncate(plan.task().prompt(), PROMPT_LOG_CHARS));
        }
        if (dryRun) {
            // Presigned media URLs in the request carry signatures: the log gets them blanked.
            LOG.info("dry run: task planned, nothing sent", "source", source, "action", plan.task().action(),
                    "request", DRY_RUN_REDACTION.redact(Json.parse(Json.toBytes(plan.task().toJsonValue()))));
            return TaskOutcome.planned(source);
        }
        if (item.key() == null) {
            return create(item, plan.task(), deadline);
        }
        Logger.putContext("idempotency_key", item.key().hash());
        try {
            return guard.run(item, deadline, () -> create(item, plan.task(), deadline));
        } finally {
            Logger.removeContext("idempotency_key");
        }
    }

    private TaskOutcome create(WorkItem item, CreateAigcAudioTask task, Deadline deadline) {
        if (!spend.enabled()) {
            return send(item, task, deadline);
        }
        SpendGuard.Grant grant;
        try {
            grant = spend.acquire(deadline);
        } catch (StoreUnavailableException e) {
            LOG.error("spend guard unavailable: nothing created", "source", item.source(), "error", e.getMessage());
            return TaskOutcome.failed(item.source(), new TaskOutcome.Failure(ErrorClass.TRANSIENT,
                    "IdempotencyStoreUnavailable", e.getMessage(), null, null), "the spend count could not be read");
        }
        if (!grant.granted()) {
            LOG.error("spend limit reached: nothing created", "source", item.source(), "limit", grant.refusedLimit,
                    "reset_at", grant.refusedUntil.toString());
            return TaskOutcome.failed(item.source(), new TaskOutcome.Failure(ErrorClass.FAILED, "SpendLimitReached",
                    grant.refusedLimit + " is reached; new tasks are refused until " + grant.refusedUntil, null, null,
                    grant.refusedUntil), "refused by the spend guard");
        }
        TaskOutcome outcome = send(item, task, deadline);
        if (outcome.failure() != null && outcome.failure().errorClass() != ErrorClass.UNKNOWN_OUTCOME) {
            try {
                spend.release(grant.slots, deadline);
            } catch (StoreUnavailableException e) {
                LOG.warn("could not give a spend slot back", "source", item.source(), "error", e.getMessage());
            }
        }
        return outcome;
    }

    private TaskOutcome send(WorkItem item, CreateAigcAudioTask task, Deadline deadline) {
        String source = item.source();
        long started = System.nanoTime();
        try {
            CreatedTask created = tasks.get().create(task, deadline);
            LOG.info("task created", "source", source, "task_id", created.taskId(), "request_id", created.requestId(),
                    "attempts", created.attempts(), "duration_ms", (System.nanoTime() - started) / 1_000_000);
            tracker.track(created.taskId(), created.requestId(), source, item.resultName(), deadline);
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
