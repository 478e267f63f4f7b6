package com.aigcaudio.platform.cli;

import com.qcloud.scf.runtime.Context;

/**
 * The SCF context for invocations outside the platform: the command line and tests. For AWS events the command line
 * hands its request id and remaining time to the Lambda invoker directly (the Lambda runtime's own types are not in
 * the deploy jar). The remaining time counts down from the limit, from when the context is made.
 */
public final class LocalContext implements Context {
    private final String requestId;
    private final int timeLimitMs;
    private final long startedNanos = System.nanoTime();

    public LocalContext(String requestId, int timeLimitMs) {
        this.requestId = requestId;
        this.timeLimitMs = timeLimitMs;
    }

    /** What is left of the limit. */
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, timeLimitMs - (System.nanoTime() - startedNanos) / 1_000_000);
    }

    @Override
    public String getRequestId() {
        return requestId;
    }

    @Override
    public int getTimeLimitInMs() {
        return timeLimitMs;
    }

    @Override
    public int getMemoryLimitInMb() {
        return 512;
    }
}
