package com.aigcaudio.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An answer whose body is still arriving: read it from {@link #body()}, then close it. */
public final class OpenReply implements Closeable {
    private final int status;
    private final Map<String, List<String>> headers;
    private final InputStream body;

    public OpenReply(int status, Map<String, List<String>> headers, InputStream body) {
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

    public InputStream body() {
        return body;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
