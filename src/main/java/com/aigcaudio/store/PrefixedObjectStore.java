package com.aigcaudio.store;

import com.aigcaudio.core.Deadline;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A bucket seen from under a key prefix (AIGC_STATE's path): every key is relative to it. */
public final class PrefixedObjectStore implements ObjectStore {
    private final ObjectStore bucket;
    private final String prefix;

    private PrefixedObjectStore(ObjectStore bucket, String prefix) {
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /** {@code bucket} itself when the prefix is empty. */
    public static ObjectStore of(ObjectStore bucket, String prefix) {
        return prefix.isEmpty() ? bucket : new PrefixedObjectStore(bucket, prefix);
    }

    /** The whole bucket, without the prefix. */
    public static ObjectStore bucketOf(ObjectStore store) {
        return store instanceof PrefixedObjectStore ? ((PrefixedObjectStore) store).bucket : store;
    }

    @Override
    public boolean put(String key, Body body, String contentType, Map<String, String> metadata, boolean forbidOverwrite,
                       Deadline deadline) {
        return bucket.put(prefix + key, body, contentType, metadata, forbidOverwrite, deadline);
    }

    @Override
    public byte[] get(String key, Deadline deadline) {
        return bucket.get(prefix + key, deadline);
    }

    @Override
    public void delete(String key, Deadline deadline) {
        bucket.delete(prefix + key, deadline);
    }

    @Override
    public byte[] getAtMost(String key, long maxBytes, Deadline deadline) {
        return bucket.getAtMost(prefix + key, maxBytes, deadline);
    }

    @Override
    public Stored read(String key, Deadline deadline) {
        return bucket.read(prefix + key, deadline);
    }

    @Override
    public boolean replace(String key, Body body, String contentType, String etag, Deadline deadline) {
        return bucket.replace(prefix + key, body, contentType, etag, deadline);
    }

    @Override
    public boolean delete(String key, String etag, Deadline deadline) {
        return bucket.delete(prefix + key, etag, deadline);
    }

    @Override
    public List<Listed> entries(String keyPrefix, Deadline deadline) {
        List<Listed> entries = new ArrayList<>();
        for (Listed entry : bucket.entries(prefix + keyPrefix, deadline)) {
            entries.add(new Listed(entry.key().substring(prefix.length()), entry.lastModified()));
        }
        return entries;
    }

    @Override
    public URI url(String key, Duration lifetime) {
        return bucket.url(prefix + key, lifetime);
    }

    @Override
    public String toString() {
        return bucket + "/" + prefix;
    }
}
