package com.aigcaudio.track;

import com.aigcaudio.core.JsonWritable;


import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What a webhook tells its receiver: how a task ended, or something that needs a person. */
public final class WebhookPayload implements JsonWritable {
    private final Map<String, Object> json;

    private WebhookPayload(Map<String, Object> json) {
        this.json = json;
    }

    /** A task ended: delivered with where its soundtrack is, or failed / expired with its error. */
    static WebhookPayload ended(TrackingRecord record, String resultUrl) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("taskId", record.taskId);
        json.put("source", record.source);
        json.put("status", record.state.name().toLowerCase(Locale.ROOT));
        if (record.result != null) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("bucket", record.result.bucket());
            result.put("key", record.result.key());
            result.put("url", resultUrl);
            json.put("result", result);
        }
        json.put("error", record.error == null ? null : record.error.toJsonValue());
        return new WebhookPayload(json);
    }

    /** The first refusal in a spend window: nothing more is created until {@code resetAt}. */
    public static WebhookPayload spendRefused(String source, String code, String message, Instant resetAt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", "refused");
        json.put("source", source);
        json.put("resetAt", resetAt.toString());
        json.put("error", error(code, message));
        return new WebhookPayload(json);
    }

    /** A request was sent and its outcome never recorded: a person checks the task list. */
    public static WebhookPayload unknownOutcome(String keyHash, String code, String message, String requestId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", "unknown");
        json.put("idempotencyKey", keyHash);
        Map<String, Object> error = error(code, message);
        error.put("requestId", requestId);
        json.put("error", error);
        return new WebhookPayload(json);
    }

    private static Map<String, Object> error(String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return error;
    }

    @Override
    public Map<String, Object> toJsonValue() {
        return json;
    }
}
