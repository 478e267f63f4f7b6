package com.aigcaudio.idempotency;

import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;
import com.aigcaudio.store.CorruptRecordException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
    /** Fields a later version wrote that this one does not know: kept, so rewriting a record never drops them. */
    private final Map<String, Object> unknownFields;

    /**
     * A new claim: nothing sent yet.
     *
     * @param work what a sweep needs to redo the work if the claim is orphaned ({trigger, event}), or null
     */
    public static IdempotencyRecord claim(String claimId, Instant inProgressUntil, Instant expiresAt,
                                          String payloadHash, Map<String, Object> work) {
        Fields f = new Fields();
        f.status = Status.IN_PROGRESS;
        f.claimId = claimId;
        f.inProgressUntil = inProgressUntil;
        f.expiresAt = expiresAt;
        f.payloadHash = payloadHash;
        f.work = work;
        return new IdempotencyRecord(f);
    }

    private IdempotencyRecord(Fields f) {
        this.status = f.status;
        this.claimId = f.claimId;
        this.inProgressUntil = f.inProgressUntil;
        this.expiresAt = f.expiresAt;
        this.payloadHash = f.payloadHash;
        this.taskId = f.taskId;
        this.requestId = f.requestId;
        this.work = f.work;
        this.reported = f.reported;
        this.unknownFields = f.unknownFields;
    }

    /** A record's fields, mutable: each transition edits a copy of the fields and builds a new record from it. */
    private static final class Fields {
        Status status;
        String claimId;
        Instant inProgressUntil;
        Instant expiresAt;
        String payloadHash;
        String taskId;
        String requestId;
        Map<String, Object> work;
        boolean reported;
        Map<String, Object> unknownFields = Map.of();
    }

    private Fields fields() {
        Fields f = new Fields();
        f.status = status;
        f.claimId = claimId;
        f.inProgressUntil = inProgressUntil;
        f.expiresAt = expiresAt;
        f.payloadHash = payloadHash;
        f.taskId = taskId;
        f.requestId = requestId;
        f.work = work;
        f.reported = reported;
        f.unknownFields = unknownFields;
        return f;
    }

    /** The same claim in {@code status} with the given task, request and work, not yet told to a person. */
    private IdempotencyRecord becoming(Status newStatus, String newTaskId, String newRequestId,
                                       Map<String, Object> newWork) {
        Fields f = fields();
        f.status = newStatus;
        f.taskId = newTaskId;
        f.requestId = newRequestId;
        f.work = newWork;
        f.reported = false;
        return new IdempotencyRecord(f);
    }

    public IdempotencyRecord sending() {
        return becoming(Status.SENDING, null, null, work);
    }

    public IdempotencyRecord completed(String newTaskId, String newRequestId) {
        return becoming(Status.COMPLETED, newTaskId, newRequestId, null);
    }

    /**
     * COMPLETED, but the task's tracking record could not be written: {@code work} keeps what tracking needs
     * ({@code {"track": {source, resultName}}}) until the sweep has written it ({@link #tracked}).
     */
    public IdempotencyRecord completedUntracked(String newTaskId, String newRequestId, String source,
                                                String resultName) {
        Map<String, Object> track = new LinkedHashMap<>();
        track.put("source", source);
        track.put("resultName", resultName);
        return becoming(Status.COMPLETED, newTaskId, newRequestId, Map.of("track", track));
    }

    /** The tracking a COMPLETED record still waits for ({source, resultName}), or null when its task is tracked. */
    public Map<String, Object> untracked() {
        return status == Status.COMPLETED && work != null ? Json.object(work.get("track")) : null;
    }

    /** The same COMPLETED record once its task's tracking record exists. */
    public IdempotencyRecord tracked() {
        Fields f = fields();
        f.work = null;
        return new IdempotencyRecord(f);
    }

    public IdempotencyRecord unknownOutcome(String newRequestId) {
        return becoming(Status.UNKNOWN_OUTCOME, null, newRequestId, work);
    }

    /**
     * An unknown outcome a person found was never created: back to a claim that never sent, already past its
     * window, keeping its work, so the next delivery, the sweep or {@code state retry} creates the task once.
     */
    public IdempotencyRecord notCreated(Instant now) {
        Fields f = becoming(Status.IN_PROGRESS, null, null, work).fields();
        f.inProgressUntil = now;
        return new IdempotencyRecord(f);
    }

    /** The same record, marked as told to a person. */
    public IdempotencyRecord reportedToAPerson() {
        Fields f = fields();
        f.reported = true;
        return new IdempotencyRecord(f);
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
        return Json.object(Json.parse(toJson()));
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
        unknownFields.forEach(json::putIfAbsent);
        return Json.toBytes(json);
    }

    private static final Set<String> KNOWN_FIELDS = Set.of("status", "claimId", "inProgressUntil", "expiresAt",
            "payloadHash", "taskId", "requestId", "work", "reported");

    public static IdempotencyRecord fromJson(byte[] bytes) {
        try {
            Map<String, Object> json = Json.parseObject(new String(bytes, StandardCharsets.UTF_8));
            Fields f = new Fields();
            f.status = Status.valueOf((String) json.get("status"));
            f.claimId = (String) json.get("claimId");
            f.inProgressUntil = Instant.ofEpochMilli(((Number) json.get("inProgressUntil")).longValue());
            f.expiresAt = Instant.ofEpochMilli(((Number) json.get("expiresAt")).longValue());
            f.payloadHash = (String) json.get("payloadHash");
            f.taskId = (String) json.get("taskId");
            f.requestId = (String) json.get("requestId");
            f.work = Json.object(json.get("work"));
            f.reported = Boolean.TRUE.equals(json.get("reported"));
            Map<String, Object> unknown = new LinkedHashMap<>(json);
            unknown.keySet().removeAll(KNOWN_FIELDS);
            f.unknownFields = unknown.isEmpty() ? Map.of() : Collections.unmodifiableMap(unknown);
            return new IdempotencyRecord(f);
        } catch (JsonSyntaxException | ClassCastException | IllegalArgumentException | NullPointerException e) {
            throw new CorruptRecordException("unreadable idempotency record: " + e.getMessage(), e);
        }
    }
}
