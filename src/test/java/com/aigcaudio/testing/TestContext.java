package com.aigcaudio.testing;

import com.qcloud.scf.runtime.Context;

/** An SCF Context for tests. */
public final class TestContext implements Context {
    private final String requestId;
    private final int timeLimitMs;

    public TestContext(String requestId, int timeLimitMs) {
        this.requestId = requestId;
        this.timeLimitMs = timeLimitMs;
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
