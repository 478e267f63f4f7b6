package com.aigcaudio.store;

import com.aigcaudio.tencent.client.Deadline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/** Objects in memory, per instance: the default with the in-memory idempotency store, and for tests. */
public final class MemoryObjectStore implements ObjectStore {
    private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public boolean put(String key, Body body, String contentType, Map<String, String> metadata, boolean forbidOverwrite,
                       Deadline deadline) {
        byte[] bytes = bytes(body);
        if (forbidOverwrite) {
            return objects.putIfAbsent(key, bytes) == null;
        }
        objects.put(key, bytes);
        return true;
    }

    @Override
    public byte[] get(String key, Deadline deadline) {
        return objects.get(key);
    }

    @Override
    public void delete(String key, Deadline deadline) {
        objects.remove(key);
    }

    @Override
    public Stored read(String key, Deadline deadline) {
        byte[] bytes = objects.get(key);
        return bytes == null ? null : new Stored(bytes, ContentTags.of(bytes));
    }

    @Override
    public boolean replace(String key, Body body, String contentType, String etag, Deadline deadline) {
        byte[] bytes = bytes(body);
        byte[] previous = objects.computeIfPresent(key, (k, current) -> ContentTags.of(current).equals(etag) ? bytes : current);
        return previous == bytes;
    }

    @Override
    public boolean delete(String key, String etag, Deadline deadline) {
        byte[] current = objects.get(key);
        if (current == null) {
            return true;
        }
        if (!ContentTags.of(current).equals(etag)) {
            return false;
        }
        return objects.remove(key, current) || objects.get(key) == null;
    }

    @Override
    public List<String> list(String prefix, Deadline deadline) {
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).collect(Collectors.toList());
    }

    private static byte[] bytes(Body body) {
        try {
            return body.bytes() != null ? body.bytes().clone() : Files.readAllBytes(body.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public URI url(String key, Duration lifetime) {
        return URI.create("memory:/" + key);
    }
}
