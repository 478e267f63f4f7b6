package com.aigcaudio.core;

/**
 * The function's answer. {@code failed} means the platform should see an error (and, for asynchronous triggers,
 * retry): set only when some unit of work failed in a way a redelivery can fix.
 */
public final class InvocationResult {
    private final JsonWritable body;
    private final boolean failed;
    private final Tally tally;

    /**
     * @param body  what the platform returns: an HTTP trigger's integration response, a COS event's results, a
     *              timer's outcome or tracker report
     * @param tally what the invocation did, for metrics
     */
    public InvocationResult(JsonWritable body, boolean failed, Tally tally) {
        this.body = body;
        this.failed = failed;
        this.tally = tally;
    }

    public Tally tally() {
        return tally;
    }

    public JsonWritable body() {
        return body;
    }

    public boolean failed() {
        return failed;
    }
}
