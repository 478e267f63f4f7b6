package com.aigcaudio.log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Copies of values made safe to log: secret-bearing fields blanked, long text cut. */
public final class Redaction {
    static final String REDACTED = "<redacted>";
    private static final Set<String> SECRET_KEYS = Set.of("authorization", "proxy-authorization", "cookie",
            "x-tc-token", "x-cos-security-token", "secretid", "secretkey", "token", "sessiontoken");
    private static final int MAX_STRING = 512;

    private Redaction() {
    }

    /** The value with every secret-named field replaced and every long string truncated. */
    public static Object redact(Object value) {
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                String key = String.valueOf(e.getKey());
                out.put(key, SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT)) ? REDACTED : redact(e.getValue()));
            }
            return out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object item : (List<?>) value) {
                out.add(redact(item));
            }
            return out;
        }
        return value instanceof String ? truncate((String) value, MAX_STRING) : value;
    }

    /** At most {@code max} characters, with a marker saying how much was cut. */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "…(" + (text.length() - max) + " more)";
    }
}
