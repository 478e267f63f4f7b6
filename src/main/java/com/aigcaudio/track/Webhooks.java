package com.aigcaudio.track;

import com.aigcaudio.core.Backoff;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.idempotency.IdempotencyRecord;
import com.aigcaudio.idempotency.IdempotencyStore;
import com.aigcaudio.log.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Tells AIGC_NOTIFY_URL how each task ended, on a bounded schedule: each attempt claimed first, so of concurrent
 * trackers one sends it; after {@link #ATTEMPTS} the record closes with its webhook marked failed.
 */
final class Webhooks {
    private static final Logger LOG = Logger.get(Webhooks.class);
    static final int ATTEMPTS = 8;
    private static final Duration MAX_INTERVAL = Duration.ofHours(6);

    private final Notifier notifier;
    private final TrackingStore store;
    private final IdempotencyStore claims;
    private final ResultDelivery delivery;
    private final Clock clock;
    private final Backoff retries;

    /** @param notifier null when no webhook is configured */
    Webhooks(Notifier notifier, TrackingStore store, IdempotencyStore claims, ResultDelivery delivery, Clock clock,
             Duration firstInterval) {
        this.notifier = notifier;
        this.store = store;
        this.claims = claims;
        this.delivery = delivery;
        this.clock = clock;
        this.retries = Backoff.exponential(firstInterval, MAX_INTERVAL, Backoff.Jitter.NONE).withFactor(6);
    }

    boolean enabled() {
        return notifier != null;
    }

    /** Sends a payload that needs a person; true when sent, or when no webhook is configured. */
    boolean notifyPerson(WebhookPayload payload, Deadline deadline) {
        return notifier == null || notifier.send(payload, deadline);
    }

    /** One attempt at telling how the record's task ended; returns the record as saved. */
    TrackingRecord notify(TrackingRecord record, Deadline deadline) {
        URI url = record.result == null ? null : delivery.url(record.result);
        WebhookPayload payload = WebhookPayload.ended(record, url == null ? null : url.toString());
        String key = "aigc-webhook:" + record.taskId + "." + record.state.name().toLowerCase(Locale.ROOT) + "."
                + record.notifyAttempts;
        Instant now = clock.instant();
        IdempotencyRecord mine = RunClaim.forRun(now, deadline);
        if (!claims.claim(key, mine, deadline).isOwned()) {
            return record;
        }
        boolean sent = notifier.send(payload, deadline);
        claims.update(key, mine.completed(record.taskId, null), deadline);
        if (sent) {
            return store.save(record.notified(), deadline);
        }
        if (record.notifyAttempts + 1 >= ATTEMPTS) {
            LOG.error("webhook given up: the record closes with its webhook marked failed", "task_id", record.taskId,
                    "attempts", record.notifyAttempts + 1);
            return store.save(record.notifyAbandoned(now), deadline);
        }
        LOG.warn("webhook not delivered; trying later", "task_id", record.taskId, "attempts", record.notifyAttempts
                + 1);
        return store.save(record.notifyFailed(now.plus(interval(record.notifyAttempts))), deadline);
    }

    /**
     * Before attempt n+2: the first check's interval times 6^n, capped at 6 hours; with the default 10 s,
     * 8 attempts spread over about 16 hours (10 s, 1 min, 6 min, 36 min, 3.6 h, 6 h, 6 h).
     */
    Duration interval(int attempts) {
        return retries.delay(attempts + 1);
    }
}
