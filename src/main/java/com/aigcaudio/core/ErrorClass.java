package com.aigcaudio.core;

/** What a failed call means for the caller: whether it may be retried, and whether a task may exist. */
public enum ErrorClass {
    /** RequestLimitExceeded*: nothing was created; retry after a longer pause. */
    THROTTLED(true),
    /** InternalError, ServiceUnavailable, ResourceUnavailable, HTTP 5xx, connection refused: retry. */
    TRANSIENT(true),
    /** AuthFailure.*, UnauthorizedOperation: fix the credentials or the role's policy. */
    AUTH(false),
    /** InvalidParameter.ViolationContent: the prompt or media was refused by content review. */
    CONTENT_REJECTED(false),
    /** InvalidParameter*, MissingParameter, UnknownParameter and the like: the request must change. */
    INVALID_REQUEST(false),
    /** Timed out or lost after the request was sent: a task may or may not exist. Never retried blindly. */
    UNKNOWN_OUTCOME(false),
    /** Any other refusal (FailedOperation, LimitExceeded, ResourceNotFound…). */
    FAILED(false);

    private final boolean retryable;

    ErrorClass(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Classifies a Tencent Cloud error code from the response envelope. */
    public static ErrorClass ofCode(String code) {
        if (code == null) {
            return FAILED;
        }
        if (code.startsWith("RequestLimitExceeded")) {
            return THROTTLED;
        }
        if (code.startsWith("InternalError") || code.startsWith("ServiceUnavailable")
                || code.startsWith("ResourceUnavailable")) {
            return TRANSIENT;
        }
        if (code.startsWith("AuthFailure") || code.startsWith("UnauthorizedOperation")) {
            return AUTH;
        }
        if (code.equals("InvalidParameter.ViolationContent")) {
            return CONTENT_REJECTED;
        }
        if (code.startsWith("InvalidParameter") || code.startsWith("MissingParameter")
                || code.startsWith("UnknownParameter") || code.startsWith("InvalidAction")
                || code.startsWith("InvalidRequest") || code.startsWith("NoSuchVersion")
                || code.startsWith("RequestSizeLimitExceeded") || code.startsWith("UnsupportedProtocol")) {
            return INVALID_REQUEST;
        }
        return FAILED;
    }
}
