package com.aigcaudio.track;

import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;
import com.aigcaudio.store.CorruptRecordException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the tracker knows of one created task. PENDING → RUNNING → DONE, FAILED or EXPIRED; a terminal record
 * whose webhook has not been delivered yet is still picked up by tracker runs.
 */
public final class TrackingRecord {
    public enum State {
        PENDING, RUNNING, DONE, FAILED, EXPIRED;

        public boolean terminal() {
            return this == DONE || this == FAILED || this == EXPIRED;
        }
    }

    final String taskId;
    final String service;
    final String requestId;
    final String source;
    final String resultName;
    final Instant createdAt;
    final State state;
    final int attempts;
    final Instant nextCheckAt;
    final Integer progress;
    final Soundtrack result;
    final TaskError error;
    final boolean notifyPending;
    final int notifyAttempts;
    final Instant nextNotifyAt;

    private TrackingRecord(Fields f) {
        this.taskId = f.taskId;
        this.service = f.service;
        this.requestId = f.requestId;
        this.source = f.source;
        this.resultName = f.resultName;
        this.createdAt = f.createdAt;
        this.state = f.state;
        this.attempts = f.attempts;
        this.nextCheckAt = f.nextCheckAt;
        this.progress = f.progress;
        this.result = f.result;
        this.error = f.error;
        this.notifyPending = f.notifyPending;
        this.notifyAttempts = f.notifyAttempts;
        this.nextNotifyAt = f.nextNotifyAt;
    }

    /** A record's fields, mutable: each transition edits a copy of the fields and builds a new record from it. */
    private static final class Fields {
        String taskId;
        String service;
        String requestId;
        String source;
        String resultName;
        Instant createdAt;
        State state;
        int attempts;
        Instant nextCheckAt;
        Integer progress;
        Soundtrack result;
        TaskError error;
        boolean notifyPending;
        int notifyAttempts;
        Instant nextNotifyAt;
    }

    private Fields fields() {
        Fields f = new Fields();
        f.taskId = taskId;
        f.service = service;
        f.requestId = requestId;
        f.source = source;
        f.resultName = resultName;
        f.createdAt = createdAt;
        f.state = state;
        f.attempts = attempts;
        f.nextCheckAt = nextCheckAt;
        f.progress = progress;
        f.result = result;
        f.error = error;
        f.notifyPending = notifyPending;
        f.notifyAttempts = notifyAttempts;
        f.nextNotifyAt = nextNotifyAt;
        return f;
    }

    /** A task just created on {@code service}'s API: first check at {@code firstCheck}. */
    public static TrackingRecord created(TrackedTask task, String service, Instant now, Instant firstCheck) {
        Fields f = new Fields();
        f.taskId = task.taskId();
        f.service = service;
        f.requestId = task.requestId();
        f.source = task.source();
        f.resultName = task.resultName();
        f.createdAt = now;
        f.state = State.PENDING;
        f.nextCheckAt = firstCheck;
        return new TrackingRecord(f);
    }

    TrackingRecord checked(State newState, Integer newProgress, Instant next) {
        Fields f = fields();
        f.state = newState;
        f.attempts = attempts + 1;
        f.nextCheckAt = next;
        f.progress = newProgress;
        return new TrackingRecord(f);
    }

    /** Terminal: DONE with its result, or FAILED / EXPIRED with its error; notifies when {@code notify}. */
    TrackingRecord finished(State terminal, Soundtrack newResult, TaskError newError,
                            boolean notify, Instant now) {
        Fields f = fields();
        f.state = terminal;
        f.attempts = attempts + 1;
        f.nextCheckAt = now;
        f.progress = terminal == State.DONE ? Integer.valueOf(100) : progress;
        f.result = newResult;
        f.error = newError;
        f.notifyPending = notify;
        f.notifyAttempts = 0;
        f.nextNotifyAt = notify ? now : null;
        return new TrackingRecord(f);
    }

    TrackingRecord notified() {
        return webhookAttempt(false, null);
    }

    /** One more webhook attempt made: still pending (retry at {@code next}) or not. */
    private TrackingRecord webhookAttempt(boolean pending, Instant next) {
        Fields f = fields();
        f.notifyPending = pending;
        f.notifyAttempts = notifyAttempts + 1;
        f.nextNotifyAt = next;
        return new TrackingRecord(f);
    }

    /**
     * The webhook failed for the last time: the record closes with the webhook marked failed (no longer pending, the
     * time of giving up kept in nextNotifyAt), for operators to see.
     */
    TrackingRecord notifyAbandoned(Instant now) {
        return webhookAttempt(false, now);
    }

    /** Whether the webhook was given up after its last attempt. */
    public boolean webhookFailed() {
        return !notifyPending && nextNotifyAt != null && notifyAttempts > 0;
    }

    TrackingRecord notifyFailed(Instant next) {
        return webhookAttempt(true, next);
    }

    public String taskId() {
        return taskId;
    }

    public State state() {
        return state;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The record as stored, for an operator's eyes. */
    public Map<String, Object> toJsonValue() {
        return Json.parseObject(new String(toJson(), StandardCharsets.UTF_8));
    }

    public String source() {
        return source;
    }

    public Integer progress() {
        return progress;
    }

    /** Where the delivered soundtrack is, or null. */
    public Soundtrack result() {
        return result;
    }

    /** Why the task failed or expired, or null. */
    public TaskError error() {
        return error;
    }

    /** Whether a tracker run still has work on it: a check, or a webhook to deliver. */
    boolean open() {
        return !state.terminal() || notifyPending;
    }

    byte[] toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("taskId", taskId);
        json.put("service", service);
        json.put("requestId", requestId);
        json.put("source", source);
        json.put("resultName", resultName);
        json.put("createdAt", createdAt.toEpochMilli());
        json.put("state", state.name());
        json.put("attempts", attempts);
        json.put("nextCheckAt", nextCheckAt == null ? null : nextCheckAt.toEpochMilli());
        json.put("progress", progress);
        json.put("result", result == null ? null : result.toJsonValue());
        json.put("error", error == null ? null : error.toJsonValue());
        json.put("notifyPending", notifyPending);
        json.put("notifyAttempts", notifyAttempts);
        json.put("nextNotifyAt", nextNotifyAt == null ? null : nextNotifyAt.toEpochMilli());
        if (webhookFailed()) {
            json.put("webhook", "failed");
        }
        return Json.toBytes(json);
    }

    static TrackingRecord fromJson(byte[] bytes) {
        try {
            Map<String, Object> j = Json.parseObject(new String(bytes, StandardCharsets.UTF_8));
            Fields f = new Fields();
            f.taskId = (String) j.get("taskId");
            f.service = (String) j.get("service");
            f.requestId = (String) j.get("requestId");
            f.source = (String) j.get("source");
            f.resultName = (String) j.get("resultName");
            f.createdAt = instant(j.get("createdAt"));
            f.state = State.valueOf((String) j.get("state"));
            f.attempts = ((Number) j.get("attempts")).intValue();
            f.nextCheckAt = instant(j.get("nextCheckAt"));
            f.progress = j.get("progress") == null ? null : ((Number) j.get("progress")).intValue();
            f.result = Soundtrack.fromJson(Json.object(j.get("result")));
            f.error = TaskError.fromJson(Json.object(j.get("error")));
            f.notifyPending = Boolean.TRUE.equals(j.get("notifyPending"));
            f.notifyAttempts = ((Number) j.get("notifyAttempts")).intValue();
            f.nextNotifyAt = instant(j.get("nextNotifyAt"));
            return new TrackingRecord(f);
        } catch (JsonSyntaxException | ClassCastException | IllegalArgumentException | NullPointerException e) {
            throw new CorruptRecordException("unreadable tracking record: " + e.getMessage(), e);
        }
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }
}
