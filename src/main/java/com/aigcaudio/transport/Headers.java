package com.aigcaudio.transport;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Header maps looked up by name in any case; the status line's null key is left out. */
final class Headers {
    private Headers() {
    }

    static Map<String, List<String>> of(Map<String, List<String>> headers) {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null) {
                byName.put(name, values);
            }
        });
        return byName;
    }

    static Optional<String> first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }
}
