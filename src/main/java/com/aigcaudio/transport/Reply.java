package com.aigcaudio.transport;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A whole answer: status, headers (names in any case) and body. */
public final class Reply {
    private final int status;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final byte[] body;

    /** @param headers as HttpURLConnection gives them: the status line under the null key, which is left out */
    public Reply(int status, Map<String, List<String>> headers, byte[] body) {
        this.status = status;
        headers.forEach((name, values) -> {
            if (name != null) {
                this.headers.put(name, values);
            }
        });
        this.body = body;
    }

    /** The same status and headers with the given body. */
    Reply withBody(byte[] bytes) {
        return new Reply(status, headers, bytes);
    }

    public int status() {
        return status;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    public byte[] body() {
        return body;
    }
}
