package com.aigcaudio.submit;

import com.aigcaudio.core.ErrorClass;

import java.time.Duration;
import java.time.Instant;

/**
 * The failures this function decides itself (the service's own codes, such as ModelGenerateFailed, pass through
 * as the service spells them), each with what it means for a retry and how an HTTP caller hears of it.
 */
public enum FailureCode {
    /** Another delivery of the same work holds the claim: its outcome is seconds away. */
    IN_PROGRESS("InProgress", ErrorClass.TRANSIENT, 409, Duration.ofSeconds(5)),
    /** An HTTP Idempotency-Key sent again with a different body. */
    IDEMPOTENCY_KEY_REUSED("IdempotencyKeyReused", ErrorClass.INVALID_REQUEST, 422, null),
    /** The spend guard refused the task, until its window resets. */
    SPEND_LIMIT_REACHED("SpendLimitReached", ErrorClass.FAILED, 429, Duration.ofHours(1)),
    /** The state store could not be read or written: nothing was created. */
    IDEMPOTENCY_STORE_UNAVAILABLE("IdempotencyStoreUnavailable", ErrorClass.TRANSIENT, 503, Duration.ofSeconds(5)),
    /** The invocation ran out of time before this record: not started, the platform's retry creates it. */
    DEADLINE_REACHED("DeadlineReached", ErrorClass.TRANSIENT, 503, Duration.ofSeconds(5)),
    /** The work's claim record cannot be read (truncated, of a later version): whether a task exists is unknown. */
    CLAIM_UNREADABLE("ClaimUnreadable", ErrorClass.UNKNOWN_OUTCOME, 500, null),
    /** An earlier attempt sent the request and its outcome was never recorded: never retried blindly. */
    PREVIOUS_OUTCOME_UNKNOWN("PreviousOutcomeUnknown", ErrorClass.UNKNOWN_OUTCOME, 504, null);

    private final String code;
    private final ErrorClass errorClass;
    private final int httpStatus;
    private final Duration retryAfter;

    FailureCode(String code, ErrorClass errorClass, int httpStatus, Duration retryAfter) {
        this.code = code;
        this.errorClass = errorClass;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    /** As it appears in results, responses and webhooks. */
    public String code() {
        return code;
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the work comes back on its own (a redelivery, the claim's holder finishing): counted as deferred. */
    public boolean deferred() {
        return this == DEADLINE_REACHED || this == IN_PROGRESS;
    }

    /** Whether the failure's own message stays inside (a store's error names buckets and hosts). */
    public boolean messageWithheld() {
        return this == IDEMPOTENCY_STORE_UNAVAILABLE;
    }

    /**
     * Seconds until a retry makes sense, for Retry-After: until {@code retryAt} when the failure knows it (a spend
     * window's reset), else this code's fixed pause; null when a retry cannot help.
     */
    public Long retryAfterSeconds(Instant retryAt, Instant now) {
        if (retryAfter == null) {
            return null;
        }
        return retryAt == null ? retryAfter.getSeconds() : Math.max(1, Duration.between(now, retryAt).getSeconds());
    }

    /** Ours, or null for a code the service gave. */
    public static FailureCode of(String code) {
        for (FailureCode ours : values()) {
            if (ours.code.equals(code)) {
                return ours;
            }
        }
        return null;
    }
}
