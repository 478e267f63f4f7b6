package com.aigcaudio.function;

import java.util.Map;

/** Thrown to the platform (SCF, Lambda) so that it records an error and, for asynchronous events, retries. */
public final class InvocationFailedException extends RuntimeException {
    private final transient Map<String, Object> result;

    public InvocationFailedException(String message, Map<String, Object> result) {
        super(message);
        this.result = result;
    }

    /** The result the function computed, with each unit of work's outcome. */
    public Map<String, Object> result() {
        return result;
    }
}
