package com.aigcaudio.platform.cli;

import com.qcloud.scf.runtime.Context;

/**
 * The SCF and Lambda contexts for invocations outside either platform: the command line and tests. Lambda's
 * remaining time counts down from the limit, from when the context is made.
 */
public final class LocalContext implements Context, com.amazonaws.services.lambda.runtime.Context {
    private final String requestId;
    private final int timeLimitMs;
    private final long startedNanos = System.nanoTime();

    public LocalContext(String requestId, int timeLimitMs) {
        this.requestId = requestId;
        this.timeLimitMs = timeLimitMs;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getFunctionName() {
        return "aigc-audio-function";
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, timeLimitMs - (System.nanoTime() - startedNanos) / 1_000_000);
    }

    @Override
    public int getMemoryLimitInMB() {
        return getMemoryLimitInMb();
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
