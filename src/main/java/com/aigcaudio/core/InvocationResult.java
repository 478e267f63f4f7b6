package com.aigcaudio.core;

import java.util.Map;

/**
 * The function's answer. {@code failed} means the platform should see an error (and, for asynchronous triggers,
 * retry): set only when some unit of work failed in a way a redelivery can fix.
 */
public final class InvocationResult {
    private final Map<String, Object> body;
    private final boolean failed;
    private final Tally tally;

    public InvocationResult(Map<String, Object> body, boolean failed) {
        this(body, failed, new Tally());
    }

    /** @param tally what the invocation did, for metrics */
    public InvocationResult(Map<String, Object> body, boolean failed, Tally tally) {
        this.body = body;
        this.failed = failed;
        this.tally = tally;
    }

    public Tally tally() {
        return tally;
    }

    public Map<String, Object> body() {
        return body;
    }

    public boolean failed() {
        return failed;
    }
}
