package com.aigcaudio.transport;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A whole answer: status, headers (names in any case) and body. */
public final class Reply {
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    public Reply(int status, Map<String, List<String>> headers, byte[] body) {
        this.status = status;
        this.headers = Headers.of(headers);
        this.body = body;
    }

    public int status() {
        return status;
    }

    public Optional<String> header(String name) {
        return Headers.first(headers, name);
    }

    public byte[] body() {
        return body;
    }
}
