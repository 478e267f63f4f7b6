package com.aigcaudio.track;

/** Delivering a finished task's result failed: for good (the file is gone, too big, not audio) or for now. */
final class DeliveryException extends Exception {
    private final String code;
    private final boolean retryable;

    private DeliveryException(String code, String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
    }

    static DeliveryException terminal(String code, String message) {
        return new DeliveryException(code, message, false);
    }

    static DeliveryException retryable(String code, String message) {
        return new DeliveryException(code, message, true);
    }

    String code() {
        return code;
    }

    boolean retryable() {
        return retryable;
    }
}
