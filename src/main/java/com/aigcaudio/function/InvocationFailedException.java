package com.aigcaudio.function;

import com.aigcaudio.core.JsonWritable;
import com.aigcaudio.json.Json;

import java.util.Map;

/** Thrown to the platform (SCF, Lambda) so that it records an error and, for asynchronous events, retries. */
public final class InvocationFailedException extends RuntimeException {
    private final transient JsonWritable result;

    /** @param result the result the function computed, with each unit of work's outcome */
    public InvocationFailedException(JsonWritable result) {
        super("some work failed and can be retried: " + Json.toString(result));
        this.result = result;
    }

    /** The result the function computed, with each unit of work's outcome. */
    public Map<String, Object> result() {
        return Json.object(result.toJsonValue());
    }
}
