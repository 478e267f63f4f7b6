package com.aigcaudio.tencent.client;

import com.aigcaudio.core.ErrorClass;

/**
 * A failed Tencent Cloud API call, classified by what it means for the caller. Carries the API's error code,
 * message and RequestId when the service answered, and the HTTP status when there was one (0 otherwise).
 */
public final class ApiException extends RuntimeException {
    private final ErrorClass errorClass;
    private final String code;
    private final String requestId;
    private final int httpStatus;
    /** Set once, by the retry loop that gives up, on its own copy. */
    private int attempts = 1;
    private final String detail;

    public ApiException(ErrorClass errorClass, String code, String message, String requestId, int httpStatus) {
        this(errorClass, code, message, requestId, httpStatus, null);
    }

    private ApiException(ErrorClass errorClass, String code, String message, String requestId, int httpStatus,
                         Throwable cause) {
        super(code + ": " + message + (requestId == null ? "" : " (RequestId " + requestId + ")"), cause);
        this.detail = message;
        this.errorClass = errorClass;
        this.code = code;
        this.requestId = requestId;
        this.httpStatus = httpStatus;
    }

    /** A transport failure without any answer from the service. */
    static ApiException transport(ErrorClass errorClass, String code, String message, Throwable cause) {
        return new ApiException(errorClass, code, message, null, 0, cause);
    }

    ApiException afterAttempts(int count) {
        ApiException copy = new ApiException(errorClass, code, detail, requestId, httpStatus, getCause());
        copy.attempts = count;
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** The same failure of an idempotent request: one whose outcome does not matter, so it may be sent again. */
    ApiException retryableRead() {
        if (errorClass != ErrorClass.UNKNOWN_OUTCOME) {
            return this;
        }
        ApiException copy = new ApiException(ErrorClass.TRANSIENT, code, detail, requestId, httpStatus, getCause());
        copy.attempts = attempts;
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    /** The API error code (e.g. RequestLimitExceeded), or a local one such as HttpStatus or Timeout. */
    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** How many requests were made before giving up. */
    public int attempts() {
        return attempts;
    }

    public boolean retryable() {
        return errorClass.retryable();
    }

    /** The service's own message, without code or RequestId. */
    public String detail() {
        return detail;
    }
}
