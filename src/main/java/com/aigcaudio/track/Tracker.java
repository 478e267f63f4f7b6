package com.aigcaudio.track;

import com.aigcaudio.config.TrackingConfig;
import com.aigcaudio.idempotency.Claim;
import com.aigcaudio.idempotency.IdempotencyRecord;
import com.aigcaudio.idempotency.IdempotencyStore;
import com.aigcaudio.log.Logger;
import com.aigcaudio.store.ObjectStore;
import com.aigcaudio.store.StoreUnavailableException;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.tencent.aigc.AudioTaskStatus;
import com.aigcaudio.tencent.client.ApiException;
import com.aigcaudio.tencent.client.Deadline;
import com.aigcaudio.tencent.client.Service;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
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
    /** A delivery or webhook claim outlives its run by this much: a run killed mid-delivery holds it no longer. */
    static final Duration CLAIM_AFTER_RUN = Duration.ofSeconds(10);
    static final int WEBHOOK_ATTEMPTS = 8;
    static final int WEBHOOK_RETRIES_PER_RUN = 10;
    private static final Duration WEBHOOK_MAX_INTERVAL = Duration.ofHours(6);

    private final TrackingStore store;
    private final Supplier<AigcAudioTasks> tasks;
    private final Service service;
    private final Long subAppId;
    private final ResultDelivery delivery;
    private final Notifier notifier;
    private final IdempotencyStore claims;
    private final Clock clock;
    private final Duration firstCheck;

    Tracker(TrackingStore store, Supplier<AigcAudioTasks> tasks, Service service, Long subAppId,
            ResultDelivery delivery, Notifier notifier, IdempotencyStore claims, Clock clock, Duration firstCheck) {
        this.store = store;
        this.tasks = tasks;
        this.service = service;
        this.subAppId = subAppId;
        this.delivery = delivery;
        this.notifier = notifier;
        this.claims = claims;
        this.clock = clock;
        this.firstCheck = firstCheck;
    }

    /**
     * The tracker the configuration asks for.
     *
     * @param state   where tracking records and delivery claims live (the idempotency store's bucket or directory)
     * @param results where soundtracks are copied, or null to record the service's URL only
     * @param resultBucket how results name that store (the COS bucket, or "local")
     * @param mpsOutputBucket MPS StoreCosParam's bucket (MPS writes the file there itself), or null
     */
    public static Tracker create(TrackingConfig config, Service service, Long subAppId, ObjectStore state,
                                 IdempotencyStore claims, Supplier<AigcAudioTasks> tasks, ObjectStore results,
                                 String resultBucket, String mpsOutputBucket, Supplier<HttpClient> http, Clock clock) {
        ResultDelivery delivery = new ResultDelivery(results, resultBucket, config.resultPrefix(), config.resultFormat(),
                new ResultDownload(http, config.maxResultBytes()), mpsOutputBucket);
        Notifier notifier = config.notifyUrl() == null ? null
                : new Notifier(config.notifyUrl(), config.notifySecret(), http, clock);
        return new Tracker(new TrackingStore(state), tasks, service, subAppId, delivery, notifier, claims, clock,
                config.firstCheck());
    }

    /**
     * Starts following a created task: writes its tracking record (the store retries what is transient).
     *
     * @param resultName the soundtrack's name under the result prefix (the source key), or null: tasks/TASKID
     * @throws StoreUnavailableException when the record could not be written; the caller marks the claim untracked
     */
    public void track(String taskId, String requestId, String source, String resultName, Deadline deadline) {
        Instant now = clock.instant();
        store.create(TrackingRecord.created(taskId, service.signingName(), requestId, source,
                resultName == null ? "tasks/" + taskId : resultName, now, now.plus(firstCheck)), deadline);
    }

    /** {@link #track}, unless the task already has a record, open or closed (never reopens a delivered task). */
    public void trackIfUntracked(String taskId, String requestId, String source, String resultName, Deadline deadline) {
        if (store.get(taskId, deadline) == null) {
            track(taskId, requestId, source, resultName, deadline);
        }
    }

    /** One run over every open record, until done or the deadline is near. */
    public TrackerReport run(Deadline deadline) {
        TrackerReport report = new TrackerReport();
        java.util.List<String> open;
        try {
            open = store.openTaskIds(deadline);
        } catch (StoreUnavailableException e) {
            LOG.error("tracker could not list open tasks", "error", e.getMessage());
            report.storeFailed = true;
            return report;
        }
        // Checks and deliveries first; webhook retries after them, within their own budget, so a slow or dead
        // endpoint never holds back a soundtrack.
        java.util.List<TrackingRecord> webhooksDue = new java.util.ArrayList<>();
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
                report.count(advance(record, deadline));
            } catch (StoreUnavailableException e) {
                LOG.error("tracker could not read or write a record", "task_id", taskId, "error", e.getMessage());
                report.storeFailed = true;
            }
        }
        int budget = WEBHOOK_RETRIES_PER_RUN;
        for (TrackingRecord record : webhooksDue) {
            if (budget-- <= 0 || deadline.remaining().compareTo(RESERVE) < 0) {
                report.leftForNextRun++;
                continue;
            }
            try {
                notify(record, deadline);
            } catch (StoreUnavailableException e) {
                LOG.error("tracker could not record a webhook attempt", "task_id", record.taskId, "error", e.getMessage());
                report.storeFailed = true;
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
    public boolean notifyPerson(Map<String, Object> payload, Deadline deadline) {
        return notifier == null || notifier.send(payload, deadline);
    }

    /** The delivered soundtrack itself, for serving it through the function, or null when it is not in our store. */
    public byte[] resultBytes(TrackingRecord record, Deadline deadline) {
        return record.result == null ? null : delivery.read(record.result, deadline);
    }

    /** Where the delivered soundtrack can be fetched for an hour, or null. */
    public URI resultUrl(TrackingRecord record) {
        return record.result == null ? null : delivery.url(record.result);
    }

    private TrackingRecord advance(TrackingRecord record, Deadline deadline) {
        Instant now = clock.instant();
        if (Duration.between(record.createdAt, now).compareTo(queryWindow()) > 0) {
            return finish(record, TrackingRecord.State.EXPIRED, null, error("QueryWindowPassed", null, "the task is older "
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
                return save(record.checked(TrackingRecord.State.PENDING, status.progress(), now.plus(interval(record.attempts))), deadline);
            case RUNNING:
                return save(record.checked(TrackingRecord.State.RUNNING, status.progress(), now.plus(interval(record.attempts))), deadline);
            case FAILED:
                return finish(record, TrackingRecord.State.FAILED, null, error(status.errorCode(), status.errorCodeExt(),
                        status.message(), status.refusedByReview()), deadline);
            default:
                return deliver(record, status, deadline);
        }
    }

    private TrackingRecord deliver(TrackingRecord record, AudioTaskStatus status, Deadline deadline) {
        Instant now = clock.instant();
        String key = "aigc-delivery:" + record.taskId;
        IdempotencyRecord mine = runClaim(now, deadline);
        Claim claim = claims.claim(key, mine, deadline);
        if (!claim.isOwned()) {
            // Another tracker is delivering it (or has): its record tells, on the next look.
            return record;
        }
        try {
            Map<String, Object> result = delivery.deliver(record, status, deadline);
            TrackingRecord done = finish(record, TrackingRecord.State.DONE, result, null, deadline);
            claims.update(key, mine.completed(record.taskId, null), deadline);
            LOG.info("soundtrack delivered", "task_id", record.taskId, "source", record.source, "key", result.get("key"));
            return done;
        } catch (DeliveryException e) {
            if (e.retryable()) {
                claims.release(key, mine, deadline);
                LOG.warn("delivery failed; trying later", "task_id", record.taskId, "error_code", e.code());
                return save(record.checked(TrackingRecord.State.RUNNING, 100, now.plus(interval(record.attempts))), deadline);
            }
            TrackingRecord failed = finish(record, TrackingRecord.State.FAILED, null,
                    error(e.code(), null, e.getMessage(), false), deadline);
            claims.update(key, mine.completed(record.taskId, null), deadline);
            return failed;
        }
    }

    private TrackingRecord finish(TrackingRecord record, TrackingRecord.State state, Map<String, Object> result,
                                  Map<String, Object> error, Deadline deadline) {
        TrackingRecord intended = record.finished(state, result, error, notifier != null, clock.instant());
        TrackingRecord finished = save(intended, deadline);
        if (finished != intended) {
            // Another tracker settled the task first; it tells the webhook.
            return finished;
        }
        LOG.log(state == TrackingRecord.State.DONE ? Logger.Level.INFO : Logger.Level.WARN, "task finished",
                "task_id", record.taskId, "source", record.source, "state", state.name(),
                "error_code", error == null ? null : error.get("code"));
        return notifier == null ? finished : notify(finished, deadline);
    }

    private TrackingRecord notify(TrackingRecord record, Deadline deadline) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("taskId", record.taskId);
        payload.put("source", record.source);
        payload.put("status", record.state.name().toLowerCase(Locale.ROOT));
        if (record.result != null) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("bucket", record.result.get("bucket"));
            result.put("key", record.result.get("key"));
            URI url = resultUrl(record);
            result.put("url", url == null ? null : url.toString());
            payload.put("result", result);
        }
        payload.put("error", record.error);
        // Claimed before sending: of concurrent trackers, one sends each attempt of each task's webhook.
        String key = "aigc-webhook:" + record.taskId + "." + record.state.name().toLowerCase(Locale.ROOT) + "."
                + record.notifyAttempts;
        Instant now = clock.instant();
        IdempotencyRecord mine = runClaim(now, deadline);
        if (!claims.claim(key, mine, deadline).isOwned()) {
            return record;
        }
        boolean sent = notifier.send(payload, deadline);
        claims.update(key, mine.completed(record.taskId, null), deadline);
        if (sent) {
            return save(record.notified(), deadline);
        }
        if (record.notifyAttempts + 1 >= WEBHOOK_ATTEMPTS) {
            LOG.error("webhook given up: the record closes with its webhook marked failed", "task_id", record.taskId,
                    "attempts", record.notifyAttempts + 1);
            return save(record.notifyAbandoned(now), deadline);
        }
        LOG.warn("webhook not delivered; trying later", "task_id", record.taskId, "attempts", record.notifyAttempts + 1);
        return save(record.notifyFailed(now.plus(webhookInterval(record.notifyAttempts))), deadline);
    }

    /** A claim held for this run, and {@link #CLAIM_AFTER_RUN} more if the run dies holding it. */
    private static IdempotencyRecord runClaim(Instant now, Deadline deadline) {
        return new IdempotencyRecord(IdempotencyRecord.Status.IN_PROGRESS, UUID.randomUUID().toString(),
                deadline.instant().plus(CLAIM_AFTER_RUN), now.plus(Duration.ofDays(7)), null, null, null);
    }

    private TrackingRecord save(TrackingRecord record, Deadline deadline) {
        return store.save(record, deadline);
    }

    /** VOD answers for tasks of the last 3 days; MPS result URLs last about 12 hours. */
    private Duration queryWindow() {
        return service == Service.VOD ? Duration.ofDays(3) : Duration.ofHours(12);
    }

    /**
     * Before webhook attempt n+2: the first check's interval times 6^n, capped at 6 hours; with the default 10 s,
     * 8 attempts spread over about 16 hours (10 s, 1 min, 6 min, 36 min, 3.6 h, 6 h, 6 h).
     */
    Duration webhookInterval(int attempts) {
        Duration interval = firstCheck;
        for (int i = 0; i < attempts && interval.compareTo(WEBHOOK_MAX_INTERVAL) < 0; i++) {
            interval = interval.multipliedBy(6);
        }
        return interval.compareTo(WEBHOOK_MAX_INTERVAL) > 0 ? WEBHOOK_MAX_INTERVAL : interval;
    }

    /** 10 s, 20 s, 40 s … (from AIGC_TRACKER_FIRST_CHECK_MS) capped at 5 minutes. */
    Duration interval(int attempts) {
        Duration interval = firstCheck.multipliedBy(1L << Math.min(attempts, 10));
        return interval.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : interval;
    }

    private static Map<String, Object> error(String code, String codeExt, String message, boolean review) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("codeExt", codeExt);
        error.put("message", review ? "content review refused the prompt or media" + (message == null ? "" : ": " + message)
                : message);
        error.put("review", review);
        return error;
    }
}
