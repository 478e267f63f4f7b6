package com.aigcaudio.operate;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.Service;
import com.aigcaudio.core.UploadedObject;
import com.aigcaudio.idempotency.IdempotencyRecord;
import com.aigcaudio.idempotency.IdempotencyStore;
import com.aigcaudio.json.Json;
import com.aigcaudio.store.ObjectStore;
import com.aigcaudio.track.TrackedTask;
import com.aigcaudio.track.TrackingRecord;
import com.aigcaudio.track.TrackingStore;
import com.aigcaudio.trigger.cos.CosTrigger;
import com.aigcaudio.trigger.timer.TimerEvent;
import com.aigcaudio.trigger.timer.TimerTrigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a person decides about an unknown outcome (a request that was sent and whose answer was lost): the task
 * exists (record it; the tracker follows it), or it does not (the claim goes back to one that never sent, so the
 * next delivery, the tracker's sweep or {@code state retry} creates it once). Each refuses any other record.
 */
public final class ClaimResolver {
    /** A record that is not in the state the action needs; the message says what it is and what to do. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /** One marker per resolved record version, written forbid-overwrite: of two operators, exactly one wins. */
    static final String RESOLUTIONS = "aigc-resolutions/";

    private final IdempotencyStore claims;
    private final ObjectStore state;
    private final TrackingStore tasks;
    private final Service service;
    private final Duration firstCheck;
    private final Clock clock;

    public ClaimResolver(IdempotencyStore claims, ObjectStore state, Service service, Duration firstCheck,
            Clock clock) {
        this.claims = claims;
        this.state = state;
        this.tasks = new TrackingStore(state);
        this.service = service;
        this.firstCheck = firstCheck;
        this.clock = clock;
    }

    /**
     * The task exists: write its tracking record, then the claim COMPLETED with its TaskId. {@code known} asks the
     * service first (a status query); a task it does not know is refused, since the upload would wait for it in
     * vain until the record expires.
     */
    public void taskExists(String key, String taskId, Predicate<String> known, Deadline deadline) {
        if (!taskId.matches("[A-Za-z0-9_.-]{1,128}")) {
            throw new Refused("--task-id: not a task id: '" + taskId + "'");
        }
        IdempotencyRecord record = unknown(key, deadline);
        if (!known.test(taskId)) {
            throw new Refused("the service knows no task " + taskId + "; check the id (the VOD or MPS console, "
                    + "around the RequestId's time)");
        }
        TrackingRecord tracked = tasks.get(taskId, deadline);
        if (tracked != null) {
            // Another upload's task: recording it here would track it twice and leave this upload without one.
            throw new Refused("task " + taskId + " is already tracked for " + tracked.source() + "; it is not this "
                    + "claim's task (state show " + taskId + ")");
        }
        Map<String, Object> work = record.work();
        String source = null;
        String resultName = null;
        if (work != null && "cos".equals(work.get("trigger"))) {
            UploadedObject upload = CosTrigger.uploadIn((Map<?, ?>) work.get("event"));
            source = upload.source();
            resultName = upload.key();
        } else if (work != null && "timer".equals(work.get("trigger"))) {
            source = TimerTrigger.source(TimerEvent.decode((Map<?, ?>) work.get("event")));
        }
        Instant now = clock.instant();
        win(key, record, "task-exists " + taskId, deadline);
        tasks.create(TrackingRecord.created(new TrackedTask(taskId, record.requestId(), source, resultName),
                service.signingName(), now, now.plus(firstCheck)), deadline);
        claims.update(key, record.completed(taskId, record.requestId()), deadline);
    }

    /** The task was never created: the claim becomes one that never sent, already past its window. */
    public void notCreated(String key, Deadline deadline) {
        IdempotencyRecord record = unknown(key, deadline);
        win(key, record, "not-created", deadline);
        claims.update(key, record.notCreated(clock.instant()), deadline);
    }

    /**
     * Takes the one right to resolve this version of the record (its claim id and status, as shown): a
     * forbid-overwrite write that every store honours, so two terminals resolving one claim cannot both go on,
     * whichever answer each gives (one task at most).
     *
     * @throws Refused when another resolution of the same record was taken first
     */
    private void win(String key, IdempotencyRecord shown, String decision, Deadline deadline) {
        String marker = RESOLUTIONS + key.replace(':', '/') + "/" + shown.claimId() + "-" + shown.status().name();
        byte[] body = Json.toBytes(Map.of("decision", decision, "at", clock.instant().toString()));
        if (!state.put(marker, ObjectStore.Body.of(body), "application/json", Map.of(), true, deadline)) {
            throw new Refused(key + " was resolved by someone else while this ran (state show " + key
                    + " says how); nothing was written");
        }
    }

    /** The recorded event of a claim that was never sent and whose window passed, to run through the function. */
    public Map<?, ?> retryEvent(String key, Deadline deadline) {
        IdempotencyRecord record = existing(key, deadline);
        boolean orphaned = record.status() == IdempotencyRecord.Status.IN_PROGRESS
                && !clock.instant().isBefore(record.inProgressUntil());
        if (!orphaned) {
            throw new Refused(key + " is " + describe(record) + "; only a claim that never sent and whose window "
                    + "passed is retried");
        }
        if (record.work() == null) {
            throw new Refused(key + " recorded no event to redo (an HTTP request): its caller retries with the same "
                    + "Idempotency-Key");
        }
        return (Map<?, ?>) record.work().get("event");
    }

    private IdempotencyRecord unknown(String key, Deadline deadline) {
        IdempotencyRecord record = existing(key, deadline);
        boolean unknown = record.status() == IdempotencyRecord.Status.UNKNOWN_OUTCOME
                || record.status() == IdempotencyRecord.Status.SENDING && !clock.instant().isBefore(
                        record.inProgressUntil());
        if (!unknown) {
            throw new Refused(key + " is " + describe(record) + "; only an unknown outcome is resolved");
        }
        return record;
    }

    private IdempotencyRecord existing(String key, Deadline deadline) {
        IdempotencyRecord record = claims.read(key, deadline);
        if (record == null) {
            throw new Refused("no claim " + key + " (state list shows the keys)");
        }
        return record;
    }

    private String describe(IdempotencyRecord record) {
        switch (record.status()) {
            case COMPLETED:
                return "completed with task " + record.taskId();
            case IN_PROGRESS:
            case SENDING:
                return clock.instant().isBefore(record.inProgressUntil()) ? "in progress until "
                        + record.inProgressUntil() : record.status() == IdempotencyRecord.Status.SENDING
                        ? "an unknown outcome" : "orphaned (never sent; state retry redoes it)";
            default:
                return "an unknown outcome";
        }
    }
}
