package com.aigcaudio.track;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.idempotency.IdempotencyRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A claim a tracker run holds on one delivery or one webhook attempt, so concurrent trackers do each once. */
final class RunClaim {
    /** A claim outlives its run by this much: a run killed mid-delivery holds it no longer. */
    static final Duration AFTER_RUN = Duration.ofSeconds(10);

    private RunClaim() {
    }

    /** Held for this run, and {@link #AFTER_RUN} more if the run dies holding it. */
    static IdempotencyRecord forRun(Instant now, Deadline deadline) {
        return IdempotencyRecord.claim(UUID.randomUUID().toString(), deadline.instant().plus(AFTER_RUN),
                now.plus(Duration.ofDays(7)), null, null);
    }
}
