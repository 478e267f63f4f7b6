package com.aigcaudio.tencent.client;

import com.aigcaudio.core.ErrorClass;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Exponential backoff with full jitter: before retry n the pause is uniform in [0, min(cap, base·2^(n-1))),
 * with a longer base when throttled. Only retryable error classes are retried, and at most {@code maxAttempts}.
 */
public final class RetryPolicy {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(20));

    private final int maxAttempts;
    private final Duration base;
    private final Duration throttledBase;
    private final Duration cap;
    private final Supplier<Random> random;

    public RetryPolicy(int maxAttempts, Duration base, Duration throttledBase, Duration cap) {
        this(maxAttempts, base, throttledBase, cap, ThreadLocalRandom::current);
    }

    RetryPolicy(int maxAttempts, Duration base, Duration throttledBase, Duration cap, Supplier<Random> random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.throttledBase = throttledBase;
        this.cap = cap;
        this.random = random;
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, base, throttledBase, cap, random);
    }

    public RetryPolicy withRandom(Supplier<Random> source) {
        return new RetryPolicy(maxAttempts, base, throttledBase, cap, source);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Whether a failure after {@code attemptsMade} attempts may be retried at all. */
    public boolean allowsRetry(ErrorClass errorClass, int attemptsMade) {
        return errorClass.retryable() && attemptsMade < maxAttempts;
    }

    /** The pause before the next attempt, after {@code attemptsMade} failed ones. */
    public Duration backoff(ErrorClass errorClass, int attemptsMade) {
        long baseMs = (errorClass == ErrorClass.THROTTLED ? throttledBase : base).toMillis();
        long ceiling = Math.min(cap.toMillis(), baseMs << Math.min(attemptsMade - 1, 30));
        return Duration.ofMillis(ceiling <= 0 ? 0 : (long) (random.get().nextDouble() * ceiling));
    }
}
