package com.aigcaudio.tencent.client;

import com.aigcaudio.core.ErrorClass;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {
    private static RetryPolicy withDraw(double value) {
        return RetryPolicy.DEFAULT.withRandom(() -> new Random() {
            @Override
            public double nextDouble() {
                return value;
            }
        });
    }

    @Test
    void backoff_isFullJitterUnderExponentialCeiling() {
        RetryPolicy top = withDraw(0.999_999);
        assertEquals(99, top.backoff(ErrorClass.TRANSIENT, 1).toMillis());
        assertEquals(199, top.backoff(ErrorClass.TRANSIENT, 2).toMillis());
        assertEquals(999, top.backoff(ErrorClass.THROTTLED, 1).toMillis());
        assertEquals(1999, top.backoff(ErrorClass.THROTTLED, 2).toMillis());
        assertEquals(19_999, top.backoff(ErrorClass.THROTTLED, 10).toMillis(), "capped at 20 s");
        assertEquals(0, withDraw(0).backoff(ErrorClass.THROTTLED, 2).toMillis());
    }

    @Test
    void allowsRetry_onlyRetryableClassesAndAtMostThreeAttempts() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        assertTrue(policy.allowsRetry(ErrorClass.THROTTLED, 1));
        assertTrue(policy.allowsRetry(ErrorClass.TRANSIENT, 2));
        assertFalse(policy.allowsRetry(ErrorClass.TRANSIENT, 3));
        for (ErrorClass c : new ErrorClass[] {ErrorClass.UNKNOWN_OUTCOME, ErrorClass.AUTH, ErrorClass.INVALID_REQUEST,
                ErrorClass.CONTENT_REJECTED, ErrorClass.FAILED}) {
            assertFalse(policy.allowsRetry(c, 1), c.name());
        }
    }

    @Test
    void backoff_realRandom_staysWithinBounds() {
        for (int i = 0; i < 1000; i++) {
            Duration d = RetryPolicy.DEFAULT.backoff(ErrorClass.TRANSIENT, 3);
            assertTrue(!d.isNegative() && d.toMillis() < 400, d.toString());
        }
    }
}
