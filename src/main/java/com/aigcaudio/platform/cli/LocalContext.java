package com.aigcaudio.platform.cli;

import com.qcloud.scf.runtime.Context;

/** The SCF Context for invocations outside SCF: the command line and tests. */
public final class LocalContext implements Context {
    private final String requestId;
    private final int timeLimitMs;

    public LocalContext(String requestId, int timeLimitMs) {
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
