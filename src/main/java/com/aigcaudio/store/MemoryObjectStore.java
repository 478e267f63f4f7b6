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
        byte[] bytes;
        try {
            bytes = body.bytes() != null ? body.bytes() : Files.readAllBytes(body.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
    public List<String> list(String prefix, Deadline deadline) {
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).collect(Collectors.toList());
    }

    @Override
    public URI url(String key, Duration lifetime) {
        return URI.create("memory:/" + key);
    }
}
