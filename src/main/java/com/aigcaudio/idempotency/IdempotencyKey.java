package com.aigcaudio.idempotency;

import com.aigcaudio.json.Json;
import com.aigcaudio.support.Hashing;
import com.aigcaudio.trigger.cos.CosObjectEvent;

import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of one unit of work: a canonical JSON form (sorted keys, absent values left out) hashed with
 * SHA-256 under a stable prefix, so keys survive refactors and never depend on field order in the event.
 */
public final class IdempotencyKey {
    private final String value;

    private IdempotencyKey(String value) {
        this.value = value;
    }

    /** An upload: bucket + key + what identifies this upload (version id, ETag, COS request id or S3 sequencer). */
    public static IdempotencyKey forCosObject(String prefix, CosObjectEvent object, long eventTime) {
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("trigger", "cos");
        canonical.put("bucket", object.bucket());
        canonical.put("key", object.key());
        canonical.put("versionId", blankToNull(object.versionId()));
        canonical.put("eTag", blankToNull(object.eTag()));
        canonical.put("cosRequestId", blankToNull(object.cosRequestId()));
        if (object.storage() == CosObjectEvent.Storage.S3) {
            // Added only for S3, so that COS keys stay what they were.
            canonical.put("storage", "s3");
            canonical.put("sequencer", blankToNull(object.sequencer()));
        }
        if (canonical.get("eTag") == null && canonical.get("cosRequestId") == null && canonical.get("versionId") == null
                && canonical.get("sequencer") == null) {
            // Without any upload identity, the event time is what tells two uploads of one key apart.
            canonical.put("eventTime", eventTime);
        }
        return of(prefix, canonical);
    }

    /** An HTTP request carrying the client's Idempotency-Key header. */
    public static IdempotencyKey forHttp(String prefix, String clientKey) {
        return of(prefix, Map.of("trigger", "http", "clientKey", clientKey));
    }

    /** A timer tick: the trigger's name and scheduled time. */
    public static IdempotencyKey forTimer(String prefix, String triggerName, String time) {
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("trigger", "timer");
        canonical.put("name", triggerName == null ? "" : triggerName);
        canonical.put("time", time == null ? "" : time);
        return of(prefix, canonical);
    }

    private static IdempotencyKey of(String prefix, Map<String, Object> canonical) {
        return new IdempotencyKey(prefix + ":" + Hashing.sha256Hex(Json.toBytes(new TreeMap<>(canonical))));
    }

    /** SHA-256 of a JSON value's canonical form (keys sorted at every level): detects a key reused for other work. */
    public static String payloadHash(Object json) {
        return Hashing.sha256Hex(Json.toBytes(sorted(json)));
    }

    private static Object sorted(Object json) {
        if (json instanceof Map) {
            Map<String, Object> out = new TreeMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) json).entrySet()) {
                out.put(String.valueOf(e.getKey()), sorted(e.getValue()));
            }
            return out;
        }
        if (json instanceof java.util.List) {
            java.util.List<Object> out = new java.util.ArrayList<>();
            for (Object item : (java.util.List<?>) json) {
                out.add(sorted(item));
            }
            return out;
        }
        return json;
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** {@code prefix:sha256hex}; safe as an object-key segment. */
    public String value() {
        return value;
    }

    /** The hash alone, for logs. */
    public String hash() {
        return value.substring(value.lastIndexOf(':') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
