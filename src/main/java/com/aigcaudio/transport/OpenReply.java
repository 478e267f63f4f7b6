package com.aigcaudio.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** An answer whose body is still arriving: read it from {@link #body()}, then close it. */
public final class OpenReply implements Closeable {
    /** The status and headers, as a reply with no body yet. */
    private final Reply head;
    private final InputStream body;

    public OpenReply(Reply head, InputStream body) {
        this.head = head;
        this.body = body;
    }

    Reply head() {
        return head;
    }

    public int status() {
        return head.status();
    }

    public Optional<String> header(String name) {
        return head.header(name);
    }

    public InputStream body() {
        return body;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
