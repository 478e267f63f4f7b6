package com.aigcaudio.aws.signing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What SigV4 signs of a request: method, the path as it goes on the wire (already URI-encoded), the query
 * parameters (decoded), the headers to sign (names in any case) and the payload's SHA-256 hex, or
 * {@code UNSIGNED-PAYLOAD}.
 */
public final class SigV4Request {
    private final String method;
    private final String encodedPath;
    private final List<Map.Entry<String, String>> query;
    private final Map<String, String> headers;
    private final String payloadHash;

    public SigV4Request(String method, String encodedPath, List<Map.Entry<String, String>> query,
                        Map<String, String> headers, String payloadHash) {
        this.method = Objects.requireNonNull(method);
        this.encodedPath = encodedPath.isEmpty() ? "/" : encodedPath;
        this.query = List.copyOf(query);
        TreeMap<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        this.headers = lower;
        this.payloadHash = Objects.requireNonNull(payloadHash);
    }

    public String method() {
        return method;
    }

    public String encodedPath() {
        return encodedPath;
    }

    public List<Map.Entry<String, String>> query() {
        return query;
    }

    /** Lower-case names, sorted. */
    public Map<String, String> headers() {
        return headers;
    }

    public String payloadHash() {
        return payloadHash;
    }
}
