package com.aigcaudio.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The instant by which an invocation must be done; every wait and timeout is capped by it. */
public final class Deadline {
    private final Clock clock;
    private final Instant at;

    private Deadline(Clock clock, Instant at) {
        this.clock = clock;
        this.at = at;
    }

    public static Deadline at(Clock clock, Instant at) {
        return new Deadline(clock, at);
    }

    public static Deadline after(Clock clock, Duration budget) {
        return new Deadline(clock, clock.instant().plus(budget));
    }

    public Instant instant() {
        return at;
    }

    /** Time left, never negative. */
    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The smaller of the given duration and the time left. */
    public Duration cap(Duration duration) {
        Duration left = remaining();
        return left.compareTo(duration) < 0 ? left : duration;
    }
}
