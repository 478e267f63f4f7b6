package com.aigcaudio.plan;

import com.aigcaudio.core.InvalidRequestException;
import com.aigcaudio.json.Json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Typed reads from a JSON object of task parameters; each type error names the parameter's path. */
final class SpecFields {
    private final Map<String, Object> map;
    private final String path;

    SpecFields(Map<String, Object> map, String path) {
        this.map = map;
        this.path = path;
    }

    String name(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void onlyKnown(Set<String> allowed, String what) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidRequestException(name(key), "unknown parameter for " + what
                        + " (expected one of " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    String string(String key) {
        Object value = map.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new InvalidRequestException(name(key), "expected a string, got " + kind(value));
    }

    Long integer(String key) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger && ((BigInteger) value).bitLength() < 64) {
            return ((BigInteger) value).longValue();
        }
        if (value instanceof BigDecimal) {
            try {
                return ((BigDecimal) value).longValueExact();
            } catch (ArithmeticException e) {
                throw new InvalidRequestException(name(key), "expected a whole number, got " + value);
            }
        }
        throw new InvalidRequestException(name(key), "expected a whole number, got " + kind(value));
    }

    SpecFields object(String key) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map) {
            return new SpecFields(Json.object(value), name(key));
        }
        throw new InvalidRequestException(name(key), "expected an object, got " + kind(value));
    }

    /** An array of objects; each element is named Key[i]. */
    List<SpecFields> objects(String key) {
        Object value = map.get(key);
        if (value == null) {
            return Collections.emptyList();
        }
        if (!(value instanceof List)) {
            throw new InvalidRequestException(name(key), "expected an array, got " + kind(value));
        }
        List<?> items = (List<?>) value;
        SpecFields[] out = new SpecFields[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            String itemName = name(key) + "[" + i + "]";
            if (!(item instanceof Map)) {
                throw new InvalidRequestException(itemName, "expected an object, got " + kind(item));
            }
            out[i] = new SpecFields(Json.object(item), itemName);
        }
        return List.of(out);
    }

    Object raw(String key) {
        return map.get(key);
    }

    static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof Map ? "an object" : value.getClass().getSimpleName();
    }
}
