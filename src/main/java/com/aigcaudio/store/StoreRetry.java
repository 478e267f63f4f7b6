package com.aigcaudio.store;

import com.aigcaudio.core.Backoff;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.Sleeper;
import com.aigcaudio.log.Logger;
import com.aigcaudio.transport.Call;
import com.aigcaudio.transport.Reply;
import com.aigcaudio.transport.Transport;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;

/**
 * Sends a bucket request again when the service says the failure is transient, as the COS and AWS SDKs do: HTTP
 * 500, 502, 503 (SlowDown, ServiceUnavailable), 504 and 429, and connection failures (reset, refused, timed out).
 * Pauses grow from 100 ms (400 ms after a 503 or 429) and double up to 2 s, half fixed and half random, so a
 * 2-second 503 storm is outlasted and concurrent instances spread out; at most 6 attempts, and never a pause or an
 * attempt the invocation's deadline cannot hold. A write retried after its answer was lost may meet its own
 * result ("already exists", "ETag changed"): callers resolve that by reading the object back.
 */
public final class StoreRetry {
    public static final StoreRetry STANDARD = new StoreRetry(6, Duration.ofMillis(100), Duration.ofMillis(400),
            Duration.ofSeconds(2), Sleeper.SYSTEM);
    private static final Logger LOG = Logger.get(StoreRetry.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Below this a round trip cannot succeed; sending would only leave work half done at the deadline. */
    static final Duration MIN_TIMEOUT = Duration.ofMillis(50);

    private final Backoff schedule;
    private final Backoff throttled;

    public StoreRetry(int maxAttempts, Duration base, Duration throttledBase, Duration cap, Sleeper sleeper) {
        this.schedule = Backoff.exponential(base, cap, Backoff.Jitter.HALF).withMaxAttempts(maxAttempts)
                .withSleeper(sleeper);
        this.throttled = schedule.withBase(throttledBase);
    }

    /**
     * @param what    names the request in errors and logs ("COS PUT")
     * @param request builds the request afresh for each attempt (new signature) with the timeout it may use
     * @return the first answer that is not transient
     * @throws StoreUnavailableException when no attempt got such an answer within the attempts and the deadline
     */
    Reply send(String what, Transport http, Function<Duration, Call> request, Deadline deadline) {
        for (int attempt = 1; ; attempt++) {
            Duration timeout = deadline.cap(TIMEOUT);
            if (timeout.compareTo(MIN_TIMEOUT) < 0) {
                throw new StoreUnavailableException("no time left in the invocation for " + what, null);
            }
            String problem;
            IOException cause = null;
            boolean slowDown;
            try {
                Reply reply = http.send(request.apply(timeout));
                int status = reply.status();
                if (!isTransient(status)) {
                    return reply;
                }
                problem = what + " answered HTTP " + status;
                slowDown = status == 503 || status == 429;
            } catch (IOException e) {
                problem = what + " failed: " + e.getClass().getSimpleName();
                cause = e;
                slowDown = false;
            }
            Duration pause = pause(slowDown, attempt);
            if (!schedule.pauseBeforeNext(attempt, pause, deadline, MIN_TIMEOUT)) {
                throw new StoreUnavailableException(problem + (attempt > 1 ? " (" + attempt + " attempts)" : ""),
                        cause);
            }
            LOG.info("store request retried", "request", what, "problem", problem, "attempt", attempt,
                    "pause_ms", pause.toMillis());
        }
    }

    static boolean isTransient(int status) {
        return status == 500 || status == 502 || status == 503 || status == 504 || status == 429;
    }

    /** Half of the ceiling fixed, half random: pauses never collapse to nothing, and instances spread out. */
    Duration pause(boolean slowDown, int attemptsMade) {
        return (slowDown ? throttled : schedule).delay(attemptsMade);
    }
}
