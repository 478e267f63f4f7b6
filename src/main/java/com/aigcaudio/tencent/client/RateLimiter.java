package com.aigcaudio.tencent.client;

import com.aigcaudio.core.Sleeper;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A sliding-window limiter: at most {@code permits} grants in any window. Each caller reserves the earliest free
 * slot under a lock and then waits outside it, so concurrent submitters queue fairly without holding the lock.
 */
public final class RateLimiter {
    private final long windowNanos;
    private final long[] grants;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private int next;

    /**
     * @param permits grants allowed per window
     * @param window  the window; a little over the API's 1 s absorbs network jitter, so the server's own
     *                1-second window never sees more than {@code permits}
     */
    public RateLimiter(int permits, Duration window, LongSupplier nanoTime, Sleeper sleeper) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1");
        }
        this.windowNanos = window.toNanos();
        this.grants = new long[permits];
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        long start = nanoTime.getAsLong() - windowNanos;
        Arrays.fill(grants, start);
    }

    public static RateLimiter perSecond(int permits) {
        return new RateLimiter(permits, Duration.ofMillis(1050), System::nanoTime, Sleeper.SYSTEM);
    }

    /**
     * Waits for a permit. Returns false, without taking one, when it could not be had within {@code maxWait}.
     */
    public boolean acquire(Duration maxWait) throws InterruptedException {
        long slot;
        long now;
        synchronized (this) {
            now = nanoTime.getAsLong();
            slot = Math.max(now, grants[next] + windowNanos);
            if (slot - now > maxWait.toNanos()) {
                return false;
            }
            grants[next] = slot;
            next = (next + 1) % grants.length;
        }
        sleeper.sleep(Duration.ofNanos(slot - now));
        return true;
    }
}
