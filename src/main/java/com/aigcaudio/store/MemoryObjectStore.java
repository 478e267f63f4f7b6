package com.aigcaudio.store;

import com.aigcaudio.core.Deadline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/** Objects in memory, per instance: the default with the in-memory idempotency store, and for tests. */
public final class MemoryObjectStore implements ObjectStore {
    private final ConcurrentSkipListMap<String, Version> objects = new ConcurrentSkipListMap<>();
    private final Clock clock;

    public MemoryObjectStore() {
        this(Clock.systemUTC());
    }

    /** @param clock stamps each write, as a bucket's clock stamps LastModified */
    public MemoryObjectStore(Clock clock) {
        this.clock = clock;
    }

    /** One written version of an object: replaced whole, so a reader sees bytes and time together. */
    private static final class Version {
        final byte[] bytes;
        final Instant written;

        Version(byte[] bytes, Instant written) {
            this.bytes = bytes;
            this.written = written;
        }
    }

    @Override
    public boolean put(String key, Body body, String contentType, Map<String, String> metadata, boolean forbidOverwrite,
                       Deadline deadline) {
        Version version = new Version(bytes(body), clock.instant());
        if (forbidOverwrite) {
            return objects.putIfAbsent(key, version) == null;
        }
        objects.put(key, version);
        return true;
    }

    @Override
    public byte[] get(String key, Deadline deadline) {
        Version version = objects.get(key);
        return version == null ? null : version.bytes;
    }

    @Override
    public void delete(String key, Deadline deadline) {
        objects.remove(key);
    }

    @Override
    public byte[] getAtMost(String key, long maxBytes, Deadline deadline) {
        byte[] bytes = get(key, deadline);
        if (bytes != null && bytes.length > maxBytes) {
            throw new ObjectTooLargeException(bytes.length, maxBytes);
        }
        return bytes;
    }

    @Override
    public Stored read(String key, Deadline deadline) {
        byte[] bytes = get(key, deadline);
        return bytes == null ? null : new Stored(bytes, ContentTags.of(bytes));
    }

    @Override
    public boolean replace(String key, Body body, String contentType, String etag, Deadline deadline) {
        Version next = new Version(bytes(body), clock.instant());
        Version stored = objects.computeIfPresent(key,
                (k, current) -> ContentTags.of(current.bytes).equals(etag) ? next : current);
        return stored == next;
    }

    @Override
    public boolean delete(String key, String etag, Deadline deadline) {
        Version current = objects.get(key);
        if (current == null) {
            return true;
        }
        if (!ContentTags.of(current.bytes).equals(etag)) {
            return false;
        }
        return objects.remove(key, current) || objects.get(key) == null;
    }

    @Override
    public List<Listed> entries(String prefix, Deadline deadline) {
        return objects.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .map(e -> new Listed(e.getKey(), e.getValue().written)).collect(Collectors.toList());
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
