package com.aigcaudio.tencent.client;

import com.aigcaudio.core.Backoff;
import com.aigcaudio.core.ErrorClass;

import java.time.Duration;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Which API failures are retried, and after what pause: only retryable error classes, at most
 * {@link Backoff#maxAttempts()} attempts, on the {@link Backoff} schedule with full jitter: before retry n the pause
 * is uniform in [0, min(cap, base·2^(n-1))), with a longer base when throttled.
 */
public final class RetryPolicy {
    public static final RetryPolicy DEFAULT = new RetryPolicy(Backoff.exponential(Duration.ofMillis(100),
            Duration.ofSeconds(20), Backoff.Jitter.FULL).withMaxAttempts(3), Duration.ofSeconds(1));

    private final Backoff schedule;
    private final Backoff throttled;

    private RetryPolicy(Backoff schedule, Duration throttledBase) {
        this.schedule = schedule;
        this.throttled = schedule.withBase(throttledBase);
    }

    private RetryPolicy(Backoff schedule, Backoff throttled) {
        this.schedule = schedule;
        this.throttled = throttled;
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(schedule.withMaxAttempts(attempts), throttled.withMaxAttempts(attempts));
    }

    public RetryPolicy withRandom(Supplier<Random> source) {
        return new RetryPolicy(schedule.withRandom(source), throttled.withRandom(source));
    }

    public int maxAttempts() {
        return schedule.maxAttempts();
    }

    /** Whether a failure after {@code attemptsMade} attempts may be retried at all. */
    public boolean allowsRetry(ErrorClass errorClass, int attemptsMade) {
        return errorClass.retryable() && schedule.allowsAnother(attemptsMade);
    }

    /** The pause before the next attempt, after {@code attemptsMade} failed ones. */
    public Duration backoff(ErrorClass errorClass, int attemptsMade) {
        return (errorClass == ErrorClass.THROTTLED ? throttled : schedule).delay(attemptsMade);
    }
}
