package com.aigcaudio.track;

import com.aigcaudio.core.JsonWritable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a delivered soundtrack is: a media-library file (VOD Permanent), the MPS output bucket, the service's own
 * expiring URL, or our result store. Each kind records the fields it has, in a fixed order, as the record stores them.
 */
public final class Soundtrack implements JsonWritable {
    private final Map<String, Object> json;

    private Soundtrack(Map<String, Object> json) {
        this.json = json;
    }

    private static Map<String, Object> withDuration(Double duration) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("duration", duration);
        return json;
    }

    /** A VOD media-library file (or an output without a URL). */
    static Soundtrack mediaLibrary(String fileId, String url, Double duration) {
        Map<String, Object> json = withDuration(duration);
        json.put("fileId", fileId);
        json.put("url", url);
        return new Soundtrack(json);
    }

    /** Written by MPS into the configured output bucket. */
    static Soundtrack mpsOutput(String bucket, String key, String url, Double duration) {
        Map<String, Object> json = withDuration(duration);
        json.put("bucket", bucket);
        json.put("key", key);
        json.put("url", url);
        return new Soundtrack(json);
    }

    /** Left with the service (AIGC_RESULTS=none): its URL expires. */
    static Soundtrack serviceUrl(String url, Double duration) {
        Map<String, Object> json = withDuration(duration);
        json.put("url", url);
        return new Soundtrack(json);
    }

    /** Copied into our result store. */
    static Soundtrack copied(String bucket, String key, long bytes, Double duration) {
        Map<String, Object> json = withDuration(duration);
        json.put("bucket", bucket);
        json.put("key", key);
        json.put("bytes", bytes);
        return new Soundtrack(json);
    }

    /** The soundtrack as a record stores it, or null. */
    static Soundtrack fromJson(Map<String, Object> json) {
        return json == null ? null : new Soundtrack(new LinkedHashMap<>(json));
    }

    public String bucket() {
        return (String) json.get("bucket");
    }

    public String key() {
        return (String) json.get("key");
    }

    public String url() {
        return (String) json.get("url");
    }

    public String fileId() {
        return (String) json.get("fileId");
    }

    /** Seconds, where the service says. */
    public Number duration() {
        return (Number) json.get("duration");
    }

    @Override
    public Map<String, Object> toJsonValue() {
        return new LinkedHashMap<>(json);
    }
}
