package com.aigcaudio.submit;

import com.aigcaudio.log.Logger;
import com.aigcaudio.plan.Plan;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.tencent.aigc.CreateAigcAudioTask;
import com.aigcaudio.tencent.aigc.CreatedTask;
import com.aigcaudio.tencent.client.ApiException;
import com.aigcaudio.tencent.client.Deadline;
import com.aigcaudio.tencent.client.ErrorClass;
import com.aigcaudio.tencent.client.InvalidRequestException;

import java.util.function.Supplier;

/**
 * Plans and submits one unit of work and reports its outcome; every failure becomes a classified outcome rather than
 * an exception, so one bad record never hides the others.
 */
public final class TaskSubmitter {
    private static final Logger LOG = Logger.get(TaskSubmitter.class);

    private final Supplier<AigcAudioTasks> tasks;

    /** @param tasks the API client, built on first use so that invocations that call nothing never pay for it */
    public TaskSubmitter(Supplier<AigcAudioTasks> tasks) {
        this.tasks = tasks;
    }

    /** @param planning produces the plan; an {@link InvalidRequestException} from it is reported, not thrown */
    public TaskOutcome submit(String source, Supplier<Plan> planning, Deadline deadline) {
        Plan plan;
        try {
            plan = planning.get();
        } catch (InvalidRequestException e) {
            LOG.warn("request refused before any call", "source", source, "field", e.field(), "error", e.getMessage());
            return TaskOutcome.failed(source, invalid(e), "invalid task parameters");
        }
        if (plan.skipped()) {
            LOG.info("skipped", "source", source, "reason", plan.skipReason());
            return TaskOutcome.skipped(source, plan.skipReason());
        }
        return create(source, plan.task(), deadline);
    }

    private TaskOutcome create(String source, CreateAigcAudioTask task, Deadline deadline) {
        long started = System.nanoTime();
        try {
            CreatedTask created = tasks.get().create(task, deadline);
            LOG.info("task created", "source", source, "task_id", created.taskId(), "request_id", created.requestId(),
                    "attempts", created.attempts(), "duration_ms", (System.nanoTime() - started) / 1_000_000);
            return TaskOutcome.created(source, created.taskId(), created.requestId());
        } catch (InvalidRequestException e) {
            return TaskOutcome.failed(source, invalid(e), "invalid task parameters");
        } catch (ApiException e) {
            Logger.Level level = e.errorClass() == ErrorClass.UNKNOWN_OUTCOME ? Logger.Level.ERROR : Logger.Level.WARN;
            LOG.log(level, "task not created", "source", source, "error_code", e.code(), "request_id", e.requestId(),
                    "error_class", e.errorClass().name(), "attempts", e.attempts(),
                    "duration_ms", (System.nanoTime() - started) / 1_000_000);
            return TaskOutcome.failed(source, new TaskOutcome.Failure(e.errorClass(), e.code(), e.detail(), null,
                    e.requestId()), reason(e.errorClass()));
        }
    }

    private static TaskOutcome.Failure invalid(InvalidRequestException e) {
        return new TaskOutcome.Failure(ErrorClass.INVALID_REQUEST, "InvalidRequest", e.getMessage(), e.field(), null);
    }

    private static String reason(ErrorClass errorClass) {
        switch (errorClass) {
            case UNKNOWN_OUTCOME:
                return "the outcome is unknown: a task may exist; not retried, to avoid a duplicate paid task";
            case THROTTLED:
            case TRANSIENT:
                return "temporary failure; a redelivery will try again";
            case CONTENT_REJECTED:
                return "refused by content review";
            default:
                return "refused by the API";
        }
    }
}
