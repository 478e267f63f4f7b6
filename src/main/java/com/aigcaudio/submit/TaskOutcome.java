package com.aigcaudio.submit;

import com.aigcaudio.core.ErrorClass;
import com.aigcaudio.core.JsonWritable;
import com.aigcaudio.core.Tally;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What became of one unit of work (a COS record, an HTTP request, a timer tick). */
public final class TaskOutcome implements JsonWritable {
    public enum Status { CREATED, DUPLICATE, SKIPPED, FAILED, PLANNED }

    private final String source;
    private final Status status;
    private final String taskId;
    private final String requestId;
    private final String reason;
    private final Failure failure;
    private final boolean untracked;

    private TaskOutcome(String source, Status status, String taskId, String requestId, String reason,
                        boolean untracked) {
        this.source = source;
        this.status = status;
        this.taskId = taskId;
        this.requestId = requestId;
        this.reason = reason;
        this.failure = null;
        this.untracked = untracked;
    }

    private TaskOutcome(String source, Failure failure, String reason) {
        this.source = source;
        this.status = Status.FAILED;
        this.taskId = null;
        this.requestId = failure.requestId();
        this.reason = reason;
        this.failure = failure;
        this.untracked = false;
    }

    public static TaskOutcome created(String source, String taskId, String requestId) {
        return new TaskOutcome(source, Status.CREATED, taskId, requestId, null, false);
    }

    /**
     * Created, but its tracking record could not be written: the claim says so and the tracker's sweep writes it;
     * the invocation reports a retryable failure, so no platform counts this upload as settled.
     */
    public static TaskOutcome createdUntracked(String source, String taskId, String requestId) {
        return new TaskOutcome(source, Status.CREATED, taskId, requestId, "created; its tracking record could not be "
                + "written yet, the tracker's sweep writes it from the claim", true);
    }

    public static TaskOutcome duplicate(String source, String taskId, String requestId, String reason) {
        return new TaskOutcome(source, Status.DUPLICATE, taskId, requestId, reason, false);
    }

    public static TaskOutcome skipped(String source, String reason) {
        return new TaskOutcome(source, Status.SKIPPED, null, null, reason, false);
    }

    /** AIGC_DRY_RUN: planned and validated; nothing was sent or stored. */
    public static TaskOutcome planned(String source) {
        return new TaskOutcome(source, Status.PLANNED, null, null, "dry run (AIGC_DRY_RUN=true): planned and "
                + "validated, nothing sent", false);
    }

    public static TaskOutcome failed(String source, Failure failure, String reason) {
        return new TaskOutcome(source, failure, reason);
    }

    public String source() {
        return source;
    }

    public Status status() {
        return status;
    }

    public String taskId() {
        return taskId;
    }

    public String requestId() {
        return requestId;
    }

    public String reason() {
        return reason;
    }

    /** Why it failed, or null. */
    public Failure failure() {
        return failure;
    }

    /** Created without its tracking record yet (see {@link #createdUntracked}). */
    public boolean untracked() {
        return untracked;
    }

    /** A failure that a later redelivery may fix, or a task not yet tracked: SCF should retry the invocation. */
    public boolean retryableFailure() {
        return failure != null && failure.errorClass().retryable() || untracked;
    }

    @Override
    public Map<String, Object> toJsonValue() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", source);
        json.put("status", status.name().toLowerCase(Locale.ROOT));
        json.put("taskId", taskId);
        json.put("requestId", requestId);
        json.put("reason", reason);
        if (untracked) {
            json.put("tracked", false);
        }
        if (failure != null) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", failure.code());
            error.put("message", failure.message());
            error.put("field", failure.field());
            error.put("class", failure.errorClass().name().toLowerCase(Locale.ROOT));
            error.put("retryable", failure.errorClass().retryable());
            json.put("error", error);
        }
        return json;
    }

    /**
     * Counts this outcome once for metrics: created, duplicate, an unknown outcome, deferred (it comes back on its
     * own: the deadline, a claim held by another delivery), or failed by its code (spend refusals also counted as
     * such).
     */
    public void countInto(Tally tally) {
        if (status == Status.CREATED) {
            tally.add(Tally.Count.TASKS_CREATED);
        } else if (status == Status.DUPLICATE) {
            tally.add(Tally.Count.DUPLICATES_SKIPPED);
        } else if (status == Status.FAILED) {
            FailureCode own = FailureCode.of(failure.code());
            if (failure.errorClass() == ErrorClass.UNKNOWN_OUTCOME) {
                tally.add(Tally.Count.UNKNOWN_OUTCOMES);
            } else if (own != null && own.deferred()) {
                tally.add(Tally.Count.DEFERRED);
            } else {
                tally.failed(failure.code());
                if (own == FailureCode.SPEND_LIMIT_REACHED) {
                    tally.add(Tally.Count.SPEND_REFUSED);
                }
            }
        }
    }

    /** A classified failure: API error, transport failure, or a request refused before any call. */
    public static final class Failure {
        private final ErrorClass errorClass;
        private final String code;
        private final String message;
        private final String field;
        private final String requestId;
        private final Instant retryAt;

        public Failure(ErrorClass errorClass, String code, String message, String field, String requestId) {
            this(errorClass, code, message, field, requestId, null);
        }

        /** One of ours, classified as its code says. */
        public Failure(FailureCode code, String message, String field, String requestId, Instant retryAt) {
            this(code.errorClass(), code.code(), message, field, requestId, retryAt);
        }

        /** @param retryAt when trying again makes sense (a spend limit's reset), or null */
        public Failure(ErrorClass errorClass, String code, String message, String field, String requestId,
                       Instant retryAt) {
            this.errorClass = errorClass;
            this.code = code;
            this.message = message;
            this.field = field;
            this.requestId = requestId;
            this.retryAt = retryAt;
        }

        public Instant retryAt() {
            return retryAt;
        }

        public ErrorClass errorClass() {
            return errorClass;
        }

        public String code() {
            return code;
        }

        public String message() {
            return message;
        }

        /** The request field at fault, for local validation failures; otherwise null. */
        public String field() {
            return field;
        }

        public String requestId() {
            return requestId;
        }
    }
}
