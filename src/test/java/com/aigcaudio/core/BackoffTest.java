package com.aigcaudio.core;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {
    private static final Backoff TEN_SECONDS = Backoff.exponential(Duration.ofSeconds(10), Duration.ofMinutes(5),
            Backoff.Jitter.NONE);

    private static Random drawing(double value) {
        return new Random() {
            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void delay_doublesFromTheBase_upToTheCap() {
        assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 300L, 300L), List.of(TEN_SECONDS.delay(1).toSeconds(),
                TEN_SECONDS.delay(2).toSeconds(), TEN_SECONDS.delay(3).toSeconds(), TEN_SECONDS.delay(4).toSeconds(),
                TEN_SECONDS.delay(5).toSeconds(), TEN_SECONDS.delay(6).toSeconds(), TEN_SECONDS.delay(60).toSeconds()));
    }

    @Test
    void delay_withAFactor_growsByIt_andNeverOverflows() {
        Backoff sixfold = TEN_SECONDS.withFactor(6);
        assertEquals(60, sixfold.delay(2).toSeconds());
        assertEquals(360, Backoff.exponential(Duration.ofSeconds(10), Duration.ofHours(6), Backoff.Jitter.NONE)
                .withFactor(6).delay(3).toSeconds());
        assertEquals(Duration.ofDays(365), Backoff.exponential(Duration.ofMillis(1), Duration.ofDays(365),
                Backoff.Jitter.NONE).withFactor(1000).delay(Integer.MAX_VALUE));
    }

    @Test
    void jitter_full_isBelowTheCeiling_half_isAtLeastHalfOfIt() {
        Backoff base = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), Backoff.Jitter.FULL);
        assertEquals(0, base.withRandom(() -> drawing(0)).delay(3).toMillis());
        assertEquals(399, base.withRandom(() -> drawing(0.9999)).delay(3).toMillis());
        Backoff half = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), Backoff.Jitter.HALF);
        assertEquals(200, half.withRandom(() -> drawing(0)).delay(3).toMillis());
        assertEquals(400, half.withRandom(() -> drawing(0.9999)).delay(3).toMillis());
        for (int i = 0; i < 1000; i++) {
            long ms = half.delay(10).toMillis();
            assertTrue(ms >= 1000 && ms <= 2000, ms + " ms");
        }
    }

    @Test
    void pauseBeforeNext_sleepsWithTheInjectedSleeper_withinAttemptsAndDeadline() {
        List<Duration> slept = new ArrayList<>();
        Backoff three = TEN_SECONDS.withMaxAttempts(3).withSleeper(slept::add);
        Clock fixed = Clock.fixed(Instant.parse("2026-12-08T00:00:00Z"), ZoneOffset.UTC);
        Deadline minute = Deadline.after(fixed, Duration.ofMinutes(1));

        assertTrue(three.pauseBeforeNext(1, Duration.ofSeconds(10), minute, Duration.ofSeconds(1)));
        assertTrue(three.pauseBeforeNext(2, Duration.ofSeconds(20), minute, Duration.ofSeconds(1)));
        assertFalse(three.pauseBeforeNext(3, Duration.ofSeconds(1), minute, Duration.ofSeconds(1)), "out of attempts");
        assertFalse(three.pauseBeforeNext(1, Duration.ofSeconds(60), minute, Duration.ofSeconds(1)),
                "the pause and one more attempt must fit before the deadline");
        assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(20)), slept);
    }

    @Test
    void pauseBeforeNext_interrupted_stopsAndKeepsTheInterrupt() {
        Backoff interrupted = TEN_SECONDS.withSleeper(pause -> {
            throw new InterruptedException();
        });
        Deadline minute = Deadline.after(Clock.systemUTC(), Duration.ofMinutes(1));
        try {
            assertFalse(interrupted.pauseBeforeNext(1, Duration.ofSeconds(1), minute, Duration.ZERO));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
