package com.aigcaudio.idempotency;

import com.aigcaudio.core.Hashing;
import com.aigcaudio.json.Json;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * The key of the work a canonical description names; each trigger builds the description of its own events.
     * Null values are left out (as JSON writes them), so adding an optional field later keeps existing keys.
     */
    public static IdempotencyKey of(String prefix, Map<String, Object> canonical) {
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
        if (json instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object item : (List<?>) json) {
                out.add(sorted(item));
            }
            return out;
        }
        return json;
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
