package com.aigcaudio.store;

/** A store could not be read or written in time: callers fail closed (for idempotency: create nothing). */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
