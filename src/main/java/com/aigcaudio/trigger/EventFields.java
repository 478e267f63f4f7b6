package com.aigcaudio.trigger;

import java.util.List;
import java.util.Map;

/** Reads of a platform event's JSON tree; a wrong type is an {@link InvalidEventException} naming the path. */
public final class EventFields {
    private EventFields() {
    }

    public static Map<?, ?> object(Object parent, String key, String path) {
        Object value = parent instanceof Map ? ((Map<?, ?>) parent).get(key) : null;
        if (!(value instanceof Map)) {
            throw new InvalidEventException(path + " is " + (value == null ? "missing" : "not an object"));
        }
        return (Map<?, ?>) value;
    }

    public static Map<?, ?> optionalObject(Map<?, ?> parent, String key, String path) {
        return parent.get(key) == null ? Map.of() : object(parent, key, path);
    }

    public static String string(Map<?, ?> parent, String key, String path) {
        Object value = parent.get(key);
        if (!(value instanceof String)) {
            throw new InvalidEventException(path + " is " + (value == null ? "missing" : "not a string"));
        }
        return (String) value;
    }

    /** A string, or a number rendered as text (platforms are loose about ids); null when absent. */
    public static String optionalText(Map<?, ?> parent, String key, String path) {
        Object value = parent.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number) {
            return value.toString();
        }
        throw new InvalidEventException(path + " is not a string");
    }

    public static long optionalLong(Map<?, ?> parent, String key, String path) {
        Object value = parent.get(key);
        if (value == null) {
            return -1;
        }
        if (value instanceof Number) {
            return ((Number) value).longValue();
        }
        throw new InvalidEventException(path + " is not a number");
    }

    public static List<?> list(Map<?, ?> parent, String key, String path) {
        Object value = parent.get(key);
        if (!(value instanceof List)) {
            throw new InvalidEventException(path + " is " + (value == null ? "missing" : "not an array"));
        }
        return (List<?>) value;
    }
}
