package com.aigcaudio.track;

import com.aigcaudio.config.TrackingConfig;
import com.aigcaudio.core.Backoff;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.Service;
import com.aigcaudio.idempotency.Claim;
import com.aigcaudio.idempotency.IdempotencyRecord;
import com.aigcaudio.idempotency.IdempotencyStore;
import com.aigcaudio.log.Logger;
import com.aigcaudio.store.StoreUnavailableException;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.tencent.aigc.AudioTaskStatus;
import com.aigcaudio.tencent.client.ApiException;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Follows created tasks to their result, since neither product notifies for AIGC audio tasks: each run lists the
 * open records, polls the ones that are due (10 s, 20 s, 40 s … capped at 5 minutes apart), delivers finished
 * soundtracks (each delivery claimed forbid-overwrite, so two trackers never deliver one twice), records failures,
 * expires what the API can no longer answer for, sends webhooks, and stops cleanly before the deadline.
 */
public final class Tracker {
    private static final Logger LOG = Logger.get(Tracker.class);
    static final Duration MAX_INTERVAL = Duration.ofMinutes(5);
    /** Less than this left, a run stops: one check may take a query, a download and an upload. */
    static final Duration RESERVE = Duration.ofMillis(1500);
    static final int WEBHOOK_RETRIES_PER_RUN = 10;

    private final TrackingStore store;
    private final Supplier<AigcAudioTasks> tasks;
    private final Service service;
    private final Long subAppId;
    private final ResultDelivery delivery;
    private final Webhooks webhooks;
    private final IdempotencyStore claims;
    private final Clock clock;
    private final Duration firstCheck;
    private final Backoff checks;

    Tracker(TrackerBuilder b) {
        this.store = new TrackingStore(b.state);
        this.tasks = b.tasks;
        this.service = b.service;
        this.subAppId = b.subAppId;
        this.delivery = new ResultDelivery(b.results, b.resultBucket, b.config.resultPrefix(), b.config.resultFormat(),
                new ResultDownload(b.http, b.config.maxResultBytes()), b.mpsOutputBucket);
        this.claims = b.claims;
        this.clock = b.clock;
        this.firstCheck = b.config.firstCheck();
        this.checks = Backoff.exponential(firstCheck, MAX_INTERVAL, Backoff.Jitter.NONE);
        Notifier notifier = b.config.notifyUrl() == null ? null
                : new Notifier(b.config.notifyUrl(), b.config.notifySecret(), b.http, b.clock);
        this.webhooks = new Webhooks(notifier, store, claims, delivery, clock, firstCheck);
    }

    /** The tracker the configuration asks for, on the API of {@code service}. */
    public static TrackerBuilder builder(TrackingConfig config, Service service, Clock clock) {
        return new TrackerBuilder(config, service, clock);
    }

    /**
     * Starts following a created task: writes its tracking record (the store retries what is transient).
     *
     * @throws StoreUnavailableException when the record could not be written; the caller marks the claim untracked
     */
    public void track(TrackedTask task, Deadline deadline) {
        Instant now = clock.instant();
        store.create(TrackingRecord.created(task, service.signingName(), now, now.plus(firstCheck)), deadline);
    }

    /** {@link #track}, unless the task already has a record, open or closed (never reopens a delivered task). */
    public void trackIfUntracked(TrackedTask task, Deadline deadline) {
        if (store.get(task.taskId(), deadline) == null) {
            track(task, deadline);
        }
    }

    /** One run over every open record, until done or the deadline is near. */
    public TrackerReport run(Deadline deadline) {
        TrackerReport report = new TrackerReport();
        List<String> open;
        try {
            open = store.openTaskIds(deadline);
        } catch (StoreUnavailableException e) {
            LOG.error("tracker could not list open tasks", "error", e.getMessage());
            report.storeFailed = true;
            return report;
        }
        // Checks and deliveries first; webhook retries after them, within their own budget, so a slow or dead
        // endpoint never holds back a soundtrack.
        List<TrackingRecord> webhooksDue = new ArrayList<>();
        for (String taskId : open) {
            if (deadline.remaining().compareTo(RESERVE) < 0) {
                report.leftForNextRun++;
                continue;
            }
            try {
                TrackingRecord record = store.getOpen(taskId, deadline);
                if (record == null) {
                    continue;
                }
                Instant now = clock.instant();
                if (record.state.terminal()) {
                    if (record.nextNotifyAt == null || !now.isBefore(record.nextNotifyAt)) {
                        webhooksDue.add(record);
                    }
                    continue;
                }
                if (now.isBefore(record.nextCheckAt)) {
                    report.notDue++;
                    continue;
                }
                report.count(advance(record, deadline), clock.instant());
            } catch (StoreUnavailableException e) {
                LOG.error("tracker could not read or write a record", "task_id", taskId, "error", e.getMessage());
                report.storeFailed = true;
            } catch (RuntimeException e) {
                // One bad record never stops the run: it is tried again on the next one.
                LOG.error("tracker could not handle a record; the rest go on", "task_id", taskId,
                        "error", e.getClass().getSimpleName() + ": " + e.getMessage());
                report.recordsFailed++;
            }
        }
        int budget = WEBHOOK_RETRIES_PER_RUN;
        for (TrackingRecord record : webhooksDue) {
            if (budget-- <= 0 || deadline.remaining().compareTo(RESERVE) < 0) {
                report.leftForNextRun++;
                continue;
            }
            try {
                webhooks.notify(record, deadline);
            } catch (StoreUnavailableException e) {
                LOG.error("tracker could not record a webhook attempt", "task_id", record.taskId, "error",
                        e.getMessage());
                report.storeFailed = true;
            } catch (RuntimeException e) {
                LOG.error("tracker could not notify for a record; the rest go on", "task_id", record.taskId,
                        "error", e.getClass().getSimpleName() + ": " + e.getMessage());
                report.recordsFailed++;
            }
        }
        return report;
    }

    /** The task's record after a live check (GET /tasks/{id}); null when this function did not create it. */
    public TrackingRecord refresh(String taskId, Deadline deadline) {
        TrackingRecord record = store.get(taskId, deadline);
        if (record == null || record.state.terminal() || deadline.remaining().compareTo(RESERVE) < 0) {
            return record;
        }
        return advance(record, deadline);
    }

    /** Sends a payload that needs a person to the webhook; true when sent, or when no webhook is configured. */
    public boolean notifyPerson(WebhookPayload payload, Deadline deadline) {
        return webhooks.notifyPerson(payload, deadline);
    }

    /**
     * The delivered soundtrack itself, for serving it through the function, or null when it is not in our store.
     *
     * @throws com.aigcaudio.store.ObjectTooLargeException when it is over {@code maxBytes}; nothing more was read
     */
    public byte[] resultBytes(TrackingRecord record, long maxBytes, Deadline deadline) {
        return record.result == null ? null : delivery.read(record.result, maxBytes, deadline);
    }

    /** Where the delivered soundtrack can be fetched for an hour, or null. */
    public URI resultUrl(TrackingRecord record) {
        return record.result == null ? null : delivery.url(record.result);
    }

    private TrackingRecord advance(TrackingRecord record, Deadline deadline) {
        Instant now = clock.instant();
        if (Duration.between(record.createdAt, now).compareTo(queryWindow()) > 0) {
            return finish(record, TrackingRecord.State.EXPIRED, null, TaskError.of("QueryWindowPassed", null,
                    "the task is older "
                    + "than the " + queryWindow().toHours() + " h in which " + service + " answers for it; its outcome "
                    + "can no longer be read", false), deadline);
        }
        AudioTaskStatus status;
        try {
            status = tasks.get().describe(record.taskId, subAppId, deadline);
        } catch (ApiException e) {
            LOG.warn("task status not read; trying later", "task_id", record.taskId, "error_code", e.code());
            return save(record.checked(record.state, record.progress, now.plus(interval(record.attempts))), deadline);
        }
        switch (status.state()) {
            case QUEUED:
                return save(record.checked(TrackingRecord.State.PENDING, status.progress(), now.plus(interval(
                        record.attempts))), deadline);
            case RUNNING:
                return save(record.checked(TrackingRecord.State.RUNNING, status.progress(), now.plus(interval(
                        record.attempts))), deadline);
            case FAILED:
                return finish(record, TrackingRecord.State.FAILED, null, TaskError.of(status.errorCode(),
                        status.errorCodeExt(),
                        status.message(), status.refusedByReview()), deadline);
            default:
                return deliver(record, status, deadline);
        }
    }

    private TrackingRecord deliver(TrackingRecord record, AudioTaskStatus status, Deadline deadline) {
        Instant now = clock.instant();
        String key = "aigc-delivery:" + record.taskId;
        IdempotencyRecord mine = RunClaim.forRun(now, deadline);
        Claim claim = claims.claim(key, mine, deadline);
        if (!claim.isOwned()) {
            // Another tracker is delivering it (or has): its record tells, on the next look.
            return record;
        }
        try {
            Soundtrack result = delivery.deliver(record, status, deadline);
            TrackingRecord done = finish(record, TrackingRecord.State.DONE, result, null, deadline);
            claims.update(key, mine.completed(record.taskId, null), deadline);
            LOG.info("soundtrack delivered", "task_id", record.taskId, "source", record.source, "key", result.key());
            return done;
        } catch (DeliveryException e) {
            if (e.retryable()) {
                claims.release(key, mine, deadline);
                LOG.warn("delivery failed; trying later", "task_id", record.taskId, "error_code", e.code());
                return save(record.checked(TrackingRecord.State.RUNNING, 100, now.plus(interval(record.attempts))),
                        deadline);
            }
            TrackingRecord failed = finish(record, TrackingRecord.State.FAILED, null,
                    TaskError.of(e.code(), null, e.getMessage(), false), deadline);
            claims.update(key, mine.completed(record.taskId, null), deadline);
            return failed;
        } catch (RuntimeException e) {
            // Whatever broke (a name the store cannot hold, a bug), the claim must not outlive it: the next run
            // tries the delivery again.
            releaseQuietly(key, mine, deadline);
            throw e;
        }
    }

    private void releaseQuietly(String key, IdempotencyRecord mine, Deadline deadline) {
        try {
            claims.release(key, mine, deadline);
        } catch (RuntimeException e) {
            LOG.error("could not release a delivery claim; it lapses after its window", "claim", key,
                    "error", e.getMessage());
        }
    }

    private TrackingRecord finish(TrackingRecord record, TrackingRecord.State state, Soundtrack result,
                                  TaskError error, Deadline deadline) {
        TrackingRecord intended = record.finished(state, result, error, webhooks.enabled(), clock.instant());
        TrackingRecord finished = save(intended, deadline);
        if (finished != intended) {
            // Another tracker settled the task first; it tells the webhook.
            return finished;
        }
        LOG.log(state == TrackingRecord.State.DONE ? Logger.Level.INFO : Logger.Level.WARN, "task finished",
                "task_id", record.taskId, "source", record.source, "state", state.name(),
                "error_code", error == null ? null : error.code());
        return webhooks.enabled() ? webhooks.notify(finished, deadline) : finished;
    }

    private TrackingRecord save(TrackingRecord record, Deadline deadline) {
        return store.save(record, deadline);
    }

    /** VOD answers for tasks of the last 3 days; MPS result URLs last about 12 hours. */
    private Duration queryWindow() {
        return service == Service.VOD ? Duration.ofDays(3) : Duration.ofHours(12);
    }

    /** 10 s, 20 s, 40 s … (from AIGC_TRACKER_FIRST_CHECK_MS) capped at 5 minutes. */
    Duration interval(int attempts) {
        return checks.delay(attempts + 1);
    }
}
