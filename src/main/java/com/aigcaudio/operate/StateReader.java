package com.aigcaudio.operate;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.idempotency.IdempotencyRecord;
import com.aigcaudio.idempotency.IdempotencyStore;
import com.aigcaudio.json.Json;
import com.aigcaudio.log.Redaction;
import com.aigcaudio.store.CorruptRecordException;
import com.aigcaudio.store.ObjectStore;
import com.aigcaudio.submit.SpendGuard;
import com.aigcaudio.track.TaskError;
import com.aigcaudio.track.TrackingRecord;
import com.aigcaudio.track.TrackingStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the state store holds, as an operator sees it: every tracked task, and the claims that need attention
 * (unknown outcomes, claims in progress or orphaned, tasks created but not yet tracked). Reads one object per
 * record: a bucket with 10,000 claims costs 10,000 GETs, so list with filters where that matters.
 */
public final class StateReader {
    private final ObjectStore state;
    private final IdempotencyStore claims;
    private final TrackingStore tasks;
    private final String keyPrefix;
    private final Clock clock;

    public StateReader(ObjectStore state, IdempotencyStore claims, String keyPrefix, Clock clock) {
        this.state = state;
        this.claims = claims;
        this.tasks = new TrackingStore(state);
        this.keyPrefix = keyPrefix;
        this.clock = clock;
    }

    /**
     * Every entry, newest first. A record that cannot be read (truncated, empty, of a later version) is handed to
     * {@code unreadable} as one line, its key and what is wrong, and the rest go on.
     */
    public List<StateEntry> entries(Deadline deadline, Consumer<String> unreadable) {
        List<StateEntry> entries = new ArrayList<>();
        List<String> ids = new ArrayList<>(tasks.openTaskIds(deadline));
        ids.addAll(tasks.closedTaskIds(deadline));
        for (String taskId : ids) {
            try {
                TrackingRecord record = tasks.get(taskId, deadline);
                if (record != null) {
                    entries.add(entry(record));
                }
            } catch (CorruptRecordException | IllegalArgumentException | ClassCastException e) {
                unreadable.accept("tracking record " + taskId + ": " + e.getMessage());
            }
        }
        for (ObjectStore.Listed listed : claims.keys(keyPrefix, deadline)) {
            try {
                IdempotencyRecord record = claims.read(listed.key(), deadline);
                StateEntry entry = record == null ? null : entry(listed.key(), record, listed.lastModified());
                if (entry != null) {
                    entries.add(entry);
                }
            } catch (CorruptRecordException | IllegalArgumentException | ClassCastException e) {
                unreadable.accept("claim " + listed.key() + ": " + e.getMessage());
            }
        }
        entries.sort(Comparator.comparing((StateEntry e) -> e.since == null ? Instant.MIN : e.since).reversed());
        return entries;
    }

    /** Counts by status, every status present (zero when none). */
    public static Map<StateEntry.Status, Integer> counts(List<StateEntry> entries) {
        Map<StateEntry.Status, Integer> counts = new EnumMap<>(StateEntry.Status.class);
        for (StateEntry.Status status : StateEntry.Status.values()) {
            counts.put(status, 0);
        }
        for (StateEntry entry : entries) {
            counts.merge(entry.status, 1, Integer::sum);
        }
        return counts;
    }

    /** Slots taken in the current hour and day windows of the spend guard. */
    public Map<String, Integer> spend(Deadline deadline) {
        Map<String, Integer> spend = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (String window : List.of(SpendGuard.hourWindow(now), SpendGuard.dayWindow(now))) {
            int taken = 0;
            for (String key : state.list(SpendGuard.PREFIX + window + "/", deadline)) {
                taken += key.endsWith("/refused") ? 0 : 1;
            }
            spend.put(window, taken);
        }
        return spend;
    }

    /** The whole record of a claim key ({@code prefix:hash}) or a task id, redacted, or null. */
    public Map<String, Object> show(String keyOrTaskId, Deadline deadline) {
        Object record;
        if (keyOrTaskId.indexOf(':') > 0) {
            IdempotencyRecord claim = claims.read(keyOrTaskId, deadline);
            record = claim == null ? null : claim.toJsonValue();
        } else {
            if (!keyOrTaskId.matches("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,255}")) {
                throw new ClaimResolver.Refused("'" + keyOrTaskId + "' is neither a claim key (prefix:hash) nor a "
                        + "task id (letters, digits, '-', '_' and '.')");
            }
            TrackingRecord task = tasks.get(keyOrTaskId, deadline);
            record = task == null ? null : task.toJsonValue();
        }
        return record == null ? null : Json.object(new Redaction(List.of()).redact(record));
    }

    private static StateEntry entry(TrackingRecord record) {
        StateEntry.Status status;
        switch (record.state()) {
            case PENDING:
                status = StateEntry.Status.WAITING;
                break;
            case RUNNING:
                status = StateEntry.Status.RUNNING;
                break;
            case DONE:
                status = StateEntry.Status.DELIVERED;
                break;
            case FAILED:
                status = StateEntry.Status.FAILED;
                break;
            default:
                status = StateEntry.Status.EXPIRED;
        }
        TaskError error = record.error();
        return new StateEntry(status, null, record.taskId(), record.source(), record.createdAt(),
                error == null ? null : error.code() + ": " + error.message());
    }

    /** A claim that needs a look, or null: a COMPLETED and tracked claim is shown by its task's record. */
    private StateEntry entry(String key, IdempotencyRecord record, Instant written) {
        Instant now = clock.instant();
        if (!now.isBefore(record.expiresAt())) {
            return null;
        }
        boolean windowOpen = now.isBefore(record.inProgressUntil());
        switch (record.status()) {
            case UNKNOWN_OUTCOME:
                return new StateEntry(StateEntry.Status.UNKNOWN, key, null, null, written,
                        "sent, outcome unknown (request " + record.requestId() + ")");
            case SENDING:
                return windowOpen ? new StateEntry(StateEntry.Status.IN_PROGRESS, key, null, null, written, null)
                        : new StateEntry(StateEntry.Status.UNKNOWN, key, null, null, written,
                        "sent, and its sender stopped before recording the outcome");
            case IN_PROGRESS:
                return new StateEntry(windowOpen ? StateEntry.Status.IN_PROGRESS : StateEntry.Status.ORPHANED, key,
                        null, null, written, null);
            default:
                Map<String, Object> untracked = record.untracked();
                return untracked == null ? null : new StateEntry(StateEntry.Status.UNTRACKED, key, record.taskId(),
                        (String) untracked.get("source"), written, null);
        }
    }
}
