package com.aigcaudio.submit;

/**
 * The failure codes this function gives itself (the service's own codes, such as ModelGenerateFailed, pass
 * through as the service spells them). Each trigger maps these to its answer: HTTP statuses, retries.
 */
public enum FailureCode {
    /** Another delivery of the same work holds the claim. */
    IN_PROGRESS("InProgress"),
    /** An HTTP Idempotency-Key sent again with a different body. */
    IDEMPOTENCY_KEY_REUSED("IdempotencyKeyReused"),
    /** The spend guard refused the task. */
    SPEND_LIMIT_REACHED("SpendLimitReached"),
    /** The state store could not be read or written: nothing was created. */
    IDEMPOTENCY_STORE_UNAVAILABLE("IdempotencyStoreUnavailable"),
    /** An earlier attempt sent the request and its outcome was never recorded. */
    PREVIOUS_OUTCOME_UNKNOWN("PreviousOutcomeUnknown");

    private final String code;

    FailureCode(String code) {
        this.code = code;
    }

    /** As it appears in results, responses and webhooks. */
    public String code() {
        return code;
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
