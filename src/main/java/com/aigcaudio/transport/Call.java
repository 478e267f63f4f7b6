package com.aigcaudio.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One request: method, URL, headers, an optional body (bytes or a file) and the time the exchange may take. */
public final class Call {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final String method;
    private final URI uri;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] bytes;
    private Path file;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration stallLimit;

    private Call(String method, URI uri) {
        this.method = method;
        this.uri = uri;
    }

    /** GET, HEAD, PUT, POST or DELETE. */
    public static Call of(String method, URI uri) {
        return new Call(method, uri);
    }

    public static Call get(URI uri) {
        return new Call("GET", uri);
    }

    public static Call post(URI uri, byte[] body) {
        return new Call("POST", uri).body(body);
    }

    public Call header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Call body(byte[] body) {
        this.bytes = body;
        this.file = null;
        return this;
    }

    /** The body is the file's content, streamed. */
    public Call body(Path file) {
        this.file = file;
        this.bytes = null;
        return this;
    }

    /** Bounds the whole exchange: connect, request, and the answer's headers and body, whatever the peer does. */
    public Call timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Bounds each wait for a byte of the answer, when that should be shorter than the whole exchange's limit. */
    public Call stallLimit(Duration limit) {
        this.stallLimit = limit;
        return this;
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration stallLimit() {
        return stallLimit == null ? timeout : stallLimit;
    }

    /** The body's length, or -1 without a body. */
    long bodyLength() throws IOException {
        return bytes != null ? bytes.length : file != null ? Files.size(file) : -1;
    }

    void writeBody(OutputStream out) throws IOException {
        if (bytes != null) {
            out.write(bytes);
        } else if (file != null) {
            Files.copy(file, out);
        }
    }
}
