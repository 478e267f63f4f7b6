package com.aigcaudio.track;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.store.ObjectStore;
import com.aigcaudio.store.StoreUnavailableException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tracking records as JSON objects in the state store: {@code aigc-tracking/open/<taskId>.json} while a tracker
 * run has work on them, then {@code aigc-tracking/closed/<taskId>.json}, so a run lists only open records.
 */
public final class TrackingStore {
    static final String PREFIX = "aigc-tracking/";
    private static final String OPEN = PREFIX + "open/";
    private static final String CLOSED = PREFIX + "closed/";
    private static final String JSON = "application/json";
    private static final int MAX_ROUNDS = 3;

    private final ObjectStore objects;

    public TrackingStore(ObjectStore objects) {
        this.objects = objects;
    }

    /**
     * Writes the record where it belongs (open or closed) and removes it from the other place, unless a writer got
     * there first with an outcome: a finished task is never reopened or given another outcome (a stale tracker's
     * RUNNING never replaces DONE; a delivered task is never expired). An open record is replaced only if unchanged
     * since read (If-Match, where the store has it), and checked against a closing that slipped in between.
     *
     * @return the record as it now stands: {@code record}, or the one that won
     */
    public TrackingRecord save(TrackingRecord record, Deadline deadline) {
        String open = OPEN + file(record.taskId);
        String closed = CLOSED + file(record.taskId);
        byte[] json = record.toJson();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            ObjectStore.Stored current = objects.read(open, deadline);
            TrackingRecord stored = current == null ? null : TrackingRecord.fromJson(current.bytes());
            if (stored != null && stored.state.terminal() && stored.state != record.state) {
                return stored;
            }
            if (!record.open()) {
                TrackingRecord done = closedRecord(closed, deadline);
                if (done != null && done.state != record.state) {
                    objects.delete(open, deadline);
                    return done;
                }
                objects.put(closed, ObjectStore.Body.of(json), JSON, Map.of(), false, deadline);
                objects.delete(open, deadline);
                return record;
            }
            boolean written = current == null
                    ? objects.put(open, ObjectStore.Body.of(json), JSON, Map.of(), true, deadline)
                    : objects.replace(open, ObjectStore.Body.of(json), JSON, current.etag(), deadline);
            if (!written) {
                continue;
            }
            TrackingRecord closedMeanwhile = closedRecord(closed, deadline);
            if (closedMeanwhile != null) {
                objects.delete(open, deadline);
                return closedMeanwhile;
            }
            return record;
        }
        throw new StoreUnavailableException("the tracking record of " + record.taskId + " kept changing", null);
    }

    private TrackingRecord closedRecord(String key, Deadline deadline) {
        byte[] closed = objects.get(key, deadline);
        return closed == null ? null : TrackingRecord.fromJson(closed);
    }

    /** Writes a new task's first record; one already there (a retried write that had landed) is left as it is. */
    public void create(TrackingRecord record, Deadline deadline) {
        objects.put(OPEN + file(record.taskId), ObjectStore.Body.of(record.toJson()), JSON, Map.of(), true, deadline);
    }

    /** The record of a task this function created, or null. */
    public TrackingRecord get(String taskId, Deadline deadline) {
        byte[] open = objects.get(OPEN + file(taskId), deadline);
        if (open != null) {
            return TrackingRecord.fromJson(open);
        }
        byte[] closed = objects.get(CLOSED + file(taskId), deadline);
        return closed == null ? null : TrackingRecord.fromJson(closed);
    }

    /** The task ids of every open record (listing pages through the store). */
    public List<String> openTaskIds(Deadline deadline) {
        return taskIds(OPEN, deadline);
    }

    /** The task ids of every closed record (delivered, failed, expired), for operators. */
    public List<String> closedTaskIds(Deadline deadline) {
        return taskIds(CLOSED, deadline);
    }

    private List<String> taskIds(String folder, Deadline deadline) {
        List<String> ids = new ArrayList<>();
        for (String key : objects.list(folder, deadline)) {
            if (key.endsWith(".json")) {
                ids.add(key.substring(folder.length(), key.length() - ".json".length()));
            }
        }
        return ids;
    }

    /** The open record, or null when it was closed meanwhile (by another tracker). */
    TrackingRecord getOpen(String taskId, Deadline deadline) {
        byte[] open = objects.get(OPEN + file(taskId), deadline);
        return open == null ? null : TrackingRecord.fromJson(open);
    }

    private static String file(String taskId) {
        if (!taskId.matches("[A-Za-z0-9_.-]{1,256}")) {
            throw new StoreUnavailableException("not a task id: " + taskId, null);
        }
        return taskId + ".json";
    }
}
