package com.aigcaudio.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** One call of the function, independent of the platform that made it. */
public final class Invocation {
    private final String requestId;
    private final Deadline deadline;
    private final boolean coldStart;

    /** Kept back from the time a platform allows, to report the result: a tenth of it, at most this. */
    static final Duration MAX_RESERVE = Duration.ofSeconds(1);

    /** The deadline for work that started at {@code started} and may run for {@code allowed}, less the reserve. */
    public static Deadline deadline(Clock clock, Instant started, Duration allowed) {
        Duration tenth = allowed.dividedBy(10);
        return Deadline.at(clock, started.plus(allowed).minus(tenth.compareTo(MAX_RESERVE) < 0 ? tenth : MAX_RESERVE));
    }

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
