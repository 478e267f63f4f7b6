package com.aigcaudio.core;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The one back-off schedule, used by the API client, the stores, the tracker and the webhooks: before attempt n+1
 * the pause is {@code base · factor^(n-1)}, capped, then jittered; at most {@code maxAttempts} attempts; an
 * in-invocation pause is taken only when the deadline leaves room for it and one more attempt, through the
 * injected {@link Sleeper}. Immutable; each {@code with…} returns a copy.
 */
public final class Backoff {
    /** How much of each pause is random. */
    public enum Jitter {
        /** Exactly the schedule: times written into records (the next status check, the next webhook). */
        NONE,
        /** Uniform in [0, pause): spreads retries of many callers most (the AWS SDKs' "full jitter"). */
        FULL,
        /** Half fixed, half random: a pause never collapses to nothing, and callers still spread out. */
        HALF
    }

    private final Duration base;
    private final long factor;
    private final Duration cap;
    private final Jitter jitter;
    private final int maxAttempts;
    private final Sleeper sleeper;
    private final Supplier<Random> random;

    private Backoff(Duration base, long factor, Duration cap, Jitter jitter, int maxAttempts, Sleeper sleeper,
                    Supplier<Random> random) {
        if (maxAttempts < 1 || factor < 1) {
            throw new IllegalArgumentException("a back-off needs at least one attempt and a factor of at least 1");
        }
        this.base = base;
        this.factor = factor;
        this.cap = cap;
        this.jitter = jitter;
        this.maxAttempts = maxAttempts;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** Doubling from {@code base} up to {@code cap}, unlimited attempts, the system sleeper. */
    public static Backoff exponential(Duration base, Duration cap, Jitter jitter) {
        return new Backoff(base, 2, cap, jitter, Integer.MAX_VALUE, Sleeper.SYSTEM, ThreadLocalRandom::current);
    }

    public Backoff withFactor(long growth) {
        return new Backoff(base, growth, cap, jitter, maxAttempts, sleeper, random);
    }

    public Backoff withBase(Duration first) {
        return new Backoff(first, factor, cap, jitter, maxAttempts, sleeper, random);
    }

    public Backoff withMaxAttempts(int attempts) {
        return new Backoff(base, factor, cap, jitter, attempts, sleeper, random);
    }

    public Backoff withSleeper(Sleeper pauses) {
        return new Backoff(base, factor, cap, jitter, maxAttempts, pauses, random);
    }

    public Backoff withRandom(Supplier<Random> source) {
        return new Backoff(base, factor, cap, jitter, maxAttempts, sleeper, source);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Whether another attempt is allowed after {@code attemptsMade}. */
    public boolean allowsAnother(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /** The pause before the next attempt, after {@code attemptsMade} (at least 1) attempts. */
    public Duration delay(int attemptsMade) {
        long ceiling = base.toMillis();
        for (int i = 1; i < attemptsMade && ceiling < cap.toMillis(); i++) {
            ceiling = ceiling > Long.MAX_VALUE / factor ? Long.MAX_VALUE : ceiling * factor;
        }
        ceiling = Math.min(ceiling, cap.toMillis());
        if (ceiling <= 0) {
            return Duration.ZERO;
        }
        switch (jitter) {
            case FULL:
                return Duration.ofMillis((long) (random.get().nextDouble() * ceiling));
            case HALF:
                long half = ceiling / 2;
                return Duration.ofMillis(half + (long) (random.get().nextDouble() * (ceiling - half + 1)));
            default:
                return Duration.ofMillis(ceiling);
        }
    }

    /**
     * Pauses before the next attempt when one is allowed and the deadline holds the pause plus {@code minAttempt}.
     *
     * @return whether to make the next attempt (false when out of attempts, time, or interrupted)
     */
    public boolean pauseBeforeNext(int attemptsMade, Duration pause, Deadline deadline, Duration minAttempt) {
        if (!allowsAnother(attemptsMade) || deadline.remaining().compareTo(pause.plus(minAttempt)) < 0) {
            return false;
        }
        try {
            sleeper.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
