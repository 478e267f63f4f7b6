package com.aigcaudio.function;

import com.aigcaudio.tencent.client.Deadline;

/** One call of the function, independent of the platform that made it. */
public final class Invocation {
    private final String requestId;
    private final Deadline deadline;
    private final boolean coldStart;

    public Invocation(String requestId, Deadline deadline, boolean coldStart) {
        this.requestId = requestId;
        this.deadline = deadline;
        this.coldStart = coldStart;
    }

    public String requestId() {
        return requestId;
    }

    public Deadline deadline() {
        return deadline;
    }

    public boolean coldStart() {
        return coldStart;
    }
}
