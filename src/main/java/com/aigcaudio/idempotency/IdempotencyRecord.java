package com.aigcaudio.idempotency;

import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;
import com.aigcaudio.store.StoreUnavailableException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the store holds for one key. */
public final class IdempotencyRecord {
    public enum Status {
        /** Claimed, nothing sent yet (if its holder died, the claim may be taken over after inProgressUntil). */
        IN_PROGRESS,
        /** The request may have left: written before the POST, so a dead holder leaves an unknown outcome behind. */
        SENDING,
        /** The task exists: its TaskId is replayed to every duplicate. */
        COMPLETED,
        /** The call was sent but its outcome is unknown: never re-created automatically. */
        UNKNOWN_OUTCOME
    }

    private final Status status;
    private final String claimId;
    private final Instant inProgressUntil;
    private final Instant expiresAt;
    private final String payloadHash;
    private final String taskId;
    private final String requestId;
    private final Map<String, Object> work;
    private final boolean reported;

    public IdempotencyRecord(Status status, String claimId, Instant inProgressUntil, Instant expiresAt,
                             String payloadHash, String taskId, String requestId) {
        this(status, claimId, inProgressUntil, expiresAt, payloadHash, taskId, requestId, null, false);
    }

    /**
     * @param work     what a sweep needs to redo the work if the claim is orphaned ({trigger, event}), or null
     * @param reported whether a person has been told of this record's unknown outcome
     */
    public IdempotencyRecord(Status status, String claimId, Instant inProgressUntil, Instant expiresAt,
                             String payloadHash, String taskId, String requestId, Map<String, Object> work,
                             boolean reported) {
        this.status = status;
        this.claimId = claimId;
        this.inProgressUntil = inProgressUntil;
        this.expiresAt = expiresAt;
        this.payloadHash = payloadHash;
        this.taskId = taskId;
        this.requestId = requestId;
        this.work = work;
        this.reported = reported;
    }

    public IdempotencyRecord sending() {
        return new IdempotencyRecord(Status.SENDING, claimId, inProgressUntil, expiresAt, payloadHash, null, null,
                work, false);
    }

    public IdempotencyRecord completed(String newTaskId, String newRequestId) {
        return new IdempotencyRecord(Status.COMPLETED, claimId, inProgressUntil, expiresAt, payloadHash, newTaskId,
                newRequestId, null, false);
    }

    /**
     * COMPLETED, but the task's tracking record could not be written: {@code work} keeps what tracking needs
     * ({@code {"track": {source, resultName}}}) until the sweep has written it ({@link #tracked}).
     */
    public IdempotencyRecord completedUntracked(String newTaskId, String newRequestId, String source,
                                                String resultName) {
        Map<String, Object> track = new java.util.LinkedHashMap<>();
        track.put("source", source);
        track.put("resultName", resultName);
        return new IdempotencyRecord(Status.COMPLETED, claimId, inProgressUntil, expiresAt, payloadHash, newTaskId,
                newRequestId, Map.of("track", track), false);
    }

    /** The tracking a COMPLETED record still waits for ({source, resultName}), or null when its task is tracked. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> untracked() {
        return status == Status.COMPLETED && work != null ? (Map<String, Object>) work.get("track") : null;
    }

    /** The same COMPLETED record once its task's tracking record exists. */
    public IdempotencyRecord tracked() {
        return new IdempotencyRecord(status, claimId, inProgressUntil, expiresAt, payloadHash, taskId, requestId, null,
                reported);
    }

    public IdempotencyRecord unknownOutcome(String newRequestId) {
        return new IdempotencyRecord(Status.UNKNOWN_OUTCOME, claimId, inProgressUntil, expiresAt, payloadHash, null,
                newRequestId, work, false);
    }

    /**
     * An unknown outcome a person found was never created: back to a claim that never sent, already past its
     * window, keeping its work, so the next delivery, the sweep or {@code state retry} creates the task once.
     */
    public IdempotencyRecord notCreated(Instant now) {
        return new IdempotencyRecord(Status.IN_PROGRESS, claimId, now, expiresAt, payloadHash, null, null, work, false);
    }

    /** The same record, marked as told to a person. */
    public IdempotencyRecord reportedToAPerson() {
        return new IdempotencyRecord(status, claimId, inProgressUntil, expiresAt, payloadHash, taskId, requestId, work,
                true);
    }

    public Map<String, Object> work() {
        return work;
    }

    public boolean reported() {
        return reported;
    }

    /**
     * Whether a new claim may take this record's place at {@code now}: after the TTL, or when a claim that never
     * reached SENDING has outlived its window. A SENDING record is never replaced: its request may have created a task.
     */
    public boolean replaceableAt(Instant now) {
        return !now.isBefore(expiresAt) || status == Status.IN_PROGRESS && !now.isBefore(inProgressUntil);
    }

    public Status status() {
        return status;
    }

    /** Unique per claim: a takeover of an expired claim is keyed by it. */
    public String claimId() {
        return claimId;
    }

    public Instant inProgressUntil() {
        return inProgressUntil;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String payloadHash() {
        return payloadHash;
    }

    public String taskId() {
        return taskId;
    }

    public String requestId() {
        return requestId;
    }

    /** The record as stored, for an operator's eyes. */
    public Map<String, Object> toJsonValue() {
        return castMap(Json.parse(toJson()));
    }

    public byte[] toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status.name());
        json.put("claimId", claimId);
        json.put("inProgressUntil", inProgressUntil.toEpochMilli());
        json.put("expiresAt", expiresAt.toEpochMilli());
        json.put("payloadHash", payloadHash);
        json.put("taskId", taskId);
        json.put("requestId", requestId);
        json.put("work", work);
        json.put("reported", reported ? Boolean.TRUE : null);
        return Json.toBytes(json);
    }

    public static IdempotencyRecord fromJson(byte[] bytes) {
        try {
            Map<String, Object> json = Json.parseObject(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            return new IdempotencyRecord(Status.valueOf((String) json.get("status")), (String) json.get("claimId"),
                    Instant.ofEpochMilli(((Number) json.get("inProgressUntil")).longValue()),
                    Instant.ofEpochMilli(((Number) json.get("expiresAt")).longValue()),
                    (String) json.get("payloadHash"), (String) json.get("taskId"), (String) json.get("requestId"),
                    castMap(json.get("work")), Boolean.TRUE.equals(json.get("reported")));
        } catch (JsonSyntaxException | ClassCastException | IllegalArgumentException | NullPointerException e) {
            throw new StoreUnavailableException("unreadable idempotency record: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
