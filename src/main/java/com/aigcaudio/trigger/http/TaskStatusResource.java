package com.aigcaudio.trigger.http;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.log.Logger;
import com.aigcaudio.store.ObjectTooLargeException;
import com.aigcaudio.store.StoreUnavailableException;
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
    /** Lambda and SCF answers carry about 6 MB; base64 makes 4 of 3. */
    static final int MAX_SERVED_BYTES = 4 * 1024 * 1024;
    private final Tracker tracker;

    TaskStatusResource(Tracker tracker) {
        this.tracker = tracker;
    }

    HttpResponse get(String taskId, Deadline deadline) {
        if (!plausible(taskId)) {
            return notFound(taskId.length() > 128 ? taskId.substring(0, 128) + "…" : taskId);
        }
        TrackingRecord record;
        try {
            record = tracker.refresh(taskId, deadline);
        } catch (StoreUnavailableException e) {
            LOG.error("task status not read: the tracking store is unavailable", "task_id", taskId,
                    "error", e.getMessage());
            return HttpResponse.error(503, "TrackingStoreUnavailable", "try again later", null, null,
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
            result.put("bucket", record.result().bucket());
            result.put("key", record.result().key());
            result.put("fileId", record.result().fileId());
            result.put("duration", record.result().duration());
            body.put("result", result);
        }
        body.put("error", record.error() == null ? null : record.error().toJsonValue());
        return HttpResponse.json(200, body, Map.of("Cache-Control", "no-store"));
    }

    /**
     * {@code GET /tasks/{taskId}/result}: the soundtrack itself, read by the function, for callers that must not
     * hold a presigned URL (which, with role credentials, carries a session token). Same authorisation as the
     * status; at most {@link #MAX_SERVED_BYTES} (what a function URL or gateway answer can carry, base64 included).
     */
    HttpResponse result(String taskId, Deadline deadline) {
        if (!plausible(taskId)) {
            return notFound(taskId.length() > 128 ? taskId.substring(0, 128) + "…" : taskId);
        }
        byte[] bytes;
        TrackingRecord record;
        try {
            record = tracker.refresh(taskId, deadline);
            if (record == null) {
                return notFound(taskId);
            }
            if (record.state() != TrackingRecord.State.DONE) {
                return HttpResponse.error(409, "NotDone", "task " + taskId + " is " + status(record.state())
                        + "; its soundtrack is served once it is done", null, null, Map.of("Retry-After", "10"));
            }
            bytes = tracker.resultBytes(record, MAX_SERVED_BYTES, deadline);
        } catch (ObjectTooLargeException e) {
            return HttpResponse.error(413, "ResultTooLargeToServe", "the soundtrack is "
                    + (e.size() < 0 ? "over " + MAX_SERVED_BYTES : e.size()) + " bytes; at most " + MAX_SERVED_BYTES
                    + " are served through the function: use result.url");
        } catch (StoreUnavailableException e) {
            LOG.error("soundtrack not read: the store is unavailable", "task_id", taskId, "error", e.getMessage());
            return HttpResponse.error(503, "ResultStoreUnavailable", "try again later", null, null,
                    Map.of("Retry-After", "5"));
        }
        if (bytes == null) {
            return HttpResponse.error(404, "NotServed", "the soundtrack of " + taskId + " is not in this function's "
                    + "result store (it stays where the service put it); use result.url of GET the task");
        }
        String key = String.valueOf(record.result().key()).toLowerCase(Locale.ROOT);
        return HttpResponse.binary(bytes, key.endsWith(".wav") ? "audio/wav" : key.endsWith(".mp3") ? "audio/mpeg"
                : "application/octet-stream", Map.of("Cache-Control", "private, no-store",
                "X-Content-Type-Options", "nosniff"));
    }

    /** Tencent TaskIds are well under 128 characters; longer ones cannot name a record on any store. */
    private static boolean plausible(String taskId) {
        return taskId.matches("[A-Za-z0-9_.-]{1,128}") && !taskId.startsWith(".");
    }

    private static HttpResponse notFound(String taskId) {
        return HttpResponse.error(404, "NotFound", "no task " + taskId + " was created by this function");
    }

    /** queued, running, done, failed or expired. */
    private static String status(TrackingRecord.State state) {
        return state == TrackingRecord.State.PENDING ? "queued" : state.name().toLowerCase(Locale.ROOT);
    }
}
