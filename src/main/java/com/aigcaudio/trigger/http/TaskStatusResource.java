package com.aigcaudio.trigger.http;

import com.aigcaudio.log.Logger;
import com.aigcaudio.store.StoreUnavailableException;
import com.aigcaudio.tencent.client.Deadline;
import com.aigcaudio.track.Tracker;
import com.aigcaudio.track.TrackingRecord;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /tasks/{taskId}}: where a task this function created stands. A record not yet terminal is checked
 * live with the API (and delivered if it just finished); it never waits for generation to finish.
 */
final class TaskStatusResource {
    private static final Logger LOG = Logger.get(TaskStatusResource.class);
    private final Tracker tracker;

    TaskStatusResource(Tracker tracker) {
        this.tracker = tracker;
    }

    Map<String, Object> get(String taskId, Deadline deadline) {
        // Tencent TaskIds are well under 128 characters; longer ones cannot name a record on any store.
        if (!taskId.matches("[A-Za-z0-9_.-]{1,128}") || taskId.startsWith(".")) {
            return notFound(taskId.length() > 128 ? taskId.substring(0, 128) + "…" : taskId);
        }
        TrackingRecord record;
        try {
            record = tracker.refresh(taskId, deadline);
        } catch (StoreUnavailableException e) {
            LOG.error("task status not read: the tracking store is unavailable", "task_id", taskId,
                    "error", e.getMessage());
            return HttpResponses.error(503, "TrackingStoreUnavailable", "try again later", null, null,
                    Map.of("Retry-After", "5"));
        }
        if (record == null) {
            return notFound(taskId);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("taskId", record.taskId());
        body.put("status", status(record.state()));
        body.put("progress", record.progress());
        body.put("source", record.source());
        if (record.result() != null) {
            Map<String, Object> result = new LinkedHashMap<>();
            URI url = tracker.resultUrl(record);
            result.put("url", url == null ? null : url.toString());
            result.put("bucket", record.result().get("bucket"));
            result.put("key", record.result().get("key"));
            result.put("fileId", record.result().get("fileId"));
            result.put("duration", record.result().get("duration"));
            body.put("result", result);
        }
        body.put("error", record.error());
        return HttpResponses.json(200, body, Map.of("Cache-Control", "no-store"));
    }

    private static Map<String, Object> notFound(String taskId) {
        return HttpResponses.error(404, "NotFound", "no task " + taskId + " was created by this function");
    }

    /** queued, running, done, failed or expired. */
    private static String status(TrackingRecord.State state) {
        return state == TrackingRecord.State.PENDING ? "queued" : state.name().toLowerCase(Locale.ROOT);
    }
}
