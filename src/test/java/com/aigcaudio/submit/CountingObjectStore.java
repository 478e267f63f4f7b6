package com.aigcaudio.submit;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.store.MemoryObjectStore;
import com.aigcaudio.store.ObjectStore;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A memory store that counts the requests a real bucket would be sent. */
final class CountingObjectStore implements ObjectStore {
    private final MemoryObjectStore objects = new MemoryObjectStore();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();

    @Override
    public boolean put(String key, Body body, String contentType, Map<String, String> metadata, boolean forbidOverwrite,
                       Deadline deadline) {
        writes.incrementAndGet();
        return objects.put(key, body, contentType, metadata, forbidOverwrite, deadline);
    }

    @Override
    public void delete(String key, Deadline deadline) {
        writes.incrementAndGet();
        objects.delete(key, deadline);
    }

    @Override
    public byte[] getAtMost(String key, long maxBytes, Deadline deadline) {
        reads.incrementAndGet();
        return objects.getAtMost(key, maxBytes, deadline);
    }

    @Override
    public Stored read(String key, Deadline deadline) {
        reads.incrementAndGet();
        return objects.read(key, deadline);
    }

    @Override
    public boolean replace(String key, Body body, String contentType, String etag, Deadline deadline) {
        writes.incrementAndGet();
        return objects.replace(key, body, contentType, etag, deadline);
    }

    @Override
    public boolean delete(String key, String etag, Deadline deadline) {
        writes.incrementAndGet();
        return objects.delete(key, etag, deadline);
    }

    @Override
    public List<Listed> entries(String prefix, Deadline deadline) {
        reads.incrementAndGet();
        return objects.entries(prefix, deadline);
    }

    @Override
    public URI url(String key, Duration lifetime) {
        return objects.url(key, lifetime);
    }
}
