package com.aigcaudio.idempotency;

/** The idempotency store could not be read or written: fail closed, create nothing. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
