package com.aigcaudio.track;

import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;
import com.aigcaudio.store.StoreUnavailableException;

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
    final Map<String, Object> result;
    final Map<String, Object> error;
    final boolean notifyPending;
    final int notifyAttempts;
    final Instant nextNotifyAt;

    TrackingRecord(String taskId, String service, String requestId, String source, String resultName, Instant createdAt,
                   State state, int attempts, Instant nextCheckAt, Integer progress, Map<String, Object> result,
                   Map<String, Object> error, boolean notifyPending, int notifyAttempts, Instant nextNotifyAt) {
        this.taskId = taskId;
        this.service = service;
        this.requestId = requestId;
        this.source = source;
        this.resultName = resultName;
        this.createdAt = createdAt;
        this.state = state;
        this.attempts = attempts;
        this.nextCheckAt = nextCheckAt;
        this.progress = progress;
        this.result = result;
        this.error = error;
        this.notifyPending = notifyPending;
        this.notifyAttempts = notifyAttempts;
        this.nextNotifyAt = nextNotifyAt;
    }

    /** A task just created: first check after the first interval. */
    public static TrackingRecord created(String taskId, String service, String requestId, String source,
                                         String resultName, Instant now, Instant firstCheck) {
        return new TrackingRecord(taskId, service, requestId, source, resultName, now, State.PENDING, 0, firstCheck,
                null, null, null, false, 0, null);
    }

    TrackingRecord checked(State newState, Integer newProgress, Instant next) {
        return new TrackingRecord(taskId, service, requestId, source, resultName, createdAt, newState, attempts + 1,
                next, newProgress, result, error, notifyPending, notifyAttempts, nextNotifyAt);
    }

    /** Terminal: DONE with its result, or FAILED / EXPIRED with its error; notifies when {@code notify}. */
    TrackingRecord finished(State terminal, Map<String, Object> newResult, Map<String, Object> newError,
                            boolean notify, Instant now) {
        return new TrackingRecord(taskId, service, requestId, source, resultName, createdAt, terminal, attempts + 1,
                now, terminal == State.DONE ? Integer.valueOf(100) : progress, newResult, newError, notify, 0,
                notify ? now : null);
    }

    TrackingRecord notified() {
        return new TrackingRecord(taskId, service, requestId, source, resultName, createdAt, state, attempts,
                nextCheckAt, progress, result, error, false, notifyAttempts + 1, null);
    }

    /**
     * The webhook failed for the last time: the record closes with the webhook marked failed (no longer pending, the
     * time of giving up kept in nextNotifyAt), for operators to see.
     */
    TrackingRecord notifyAbandoned(Instant now) {
        return new TrackingRecord(taskId, service, requestId, source, resultName, createdAt, state, attempts,
                nextCheckAt, progress, result, error, false, notifyAttempts + 1, now);
    }

    /** Whether the webhook was given up after its last attempt. */
    public boolean webhookFailed() {
        return !notifyPending && nextNotifyAt != null && notifyAttempts > 0;
    }

    TrackingRecord notifyFailed(Instant next) {
        return new TrackingRecord(taskId, service, requestId, source, resultName, createdAt, state, attempts,
                nextCheckAt, progress, result, error, true, notifyAttempts + 1, next);
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

    /** {bucket, key, url, fileId, duration} of the delivered soundtrack, or null. */
    public Map<String, Object> result() {
        return result;
    }

    /** {code, codeExt, message, review} of a failure, or null. */
    public Map<String, Object> error() {
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
        json.put("result", result);
        json.put("error", error);
        json.put("notifyPending", notifyPending);
        json.put("notifyAttempts", notifyAttempts);
        json.put("nextNotifyAt", nextNotifyAt == null ? null : nextNotifyAt.toEpochMilli());
        if (webhookFailed()) {
            json.put("webhook", "failed");
        }
        return Json.toBytes(json);
    }

    @SuppressWarnings("unchecked")
    static TrackingRecord fromJson(byte[] bytes) {
        try {
            Map<String, Object> j = Json.parseObject(new String(bytes, StandardCharsets.UTF_8));
            return new TrackingRecord((String) j.get("taskId"), (String) j.get("service"), (String) j.get("requestId"),
                    (String) j.get("source"), (String) j.get("resultName"), instant(j.get("createdAt")),
                    State.valueOf((String) j.get("state")), ((Number) j.get("attempts")).intValue(),
                    instant(j.get("nextCheckAt")), j.get("progress") == null ? null : ((Number) j.get("progress")).intValue(),
                    (Map<String, Object>) j.get("result"), (Map<String, Object>) j.get("error"),
                    Boolean.TRUE.equals(j.get("notifyPending")), ((Number) j.get("notifyAttempts")).intValue(),
                    instant(j.get("nextNotifyAt")));
        } catch (JsonSyntaxException | ClassCastException | IllegalArgumentException | NullPointerException e) {
            throw new StoreUnavailableException("unreadable tracking record: " + e.getMessage(), e);
        }
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }

    /** The error a closed record carries; a refusal by content review says so in its message. */
    static Map<String, Object> failure(String code, String codeExt, String message, boolean review) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("codeExt", codeExt);
        error.put("message", review ? "content review refused the prompt or media" + (message == null ? "" : ": " + message)
                : message);
        error.put("review", review);
        return error;
    }
}
