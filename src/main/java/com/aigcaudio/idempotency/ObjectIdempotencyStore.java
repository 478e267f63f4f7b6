package com.aigcaudio.idempotency;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.store.ObjectStore;
import com.aigcaudio.store.StoreUnavailableException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Records as small JSON marker objects in an {@link ObjectStore} (COS, or a local directory), one per key. A claim
 * is a forbid-overwrite write, so of concurrent claimants only one writes. Taking over an expired record first
 * claims {@code <marker>.takeover.<claimId>} the same way, so only one claimant may delete and re-claim it. On COS
 * the bucket must never have had versioning enabled: there COS ignores forbid-overwrite and every PUT succeeds.
 */
public final class ObjectIdempotencyStore implements IdempotencyStore {
    private static final int MAX_ROUNDS = 3;
    private static final String JSON = "application/json";

    private final ObjectStore objects;
    private final String prefix;
    private final Clock clock;

    public ObjectIdempotencyStore(ObjectStore objects, String prefix, Clock clock) {
        this.objects = objects;
        this.prefix = prefix.startsWith("/") ? prefix.substring(1) : prefix;
        this.clock = clock;
    }

    @Override
    public Claim claim(String key, IdempotencyRecord record, Deadline deadline) {
        String marker = marker(key);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (objects.put(marker, ObjectStore.Body.of(record.toJson()), JSON, Map.of(), true, deadline)) {
                return Claim.owned(record);
            }
            byte[] current = objects.get(marker, deadline);
            if (current == null) {
                continue;
            }
            IdempotencyRecord existing = IdempotencyRecord.fromJson(current);
            if (existing.claimId().equals(record.claimId())) {
                // Our own write landed and its answer was lost; the retry met it. Claim ids are random: it is ours.
                return Claim.owned(record);
            }
            if (!existing.replaceableAt(clock.instant())) {
                return Claim.existing(existing);
            }
            if (!takeOver(marker + ".takeover." + existing.claimId(), record.claimId(), deadline)) {
                return Claim.existing(existing);
            }
            objects.delete(marker, deadline);
        }
        throw new StoreUnavailableException("could not claim " + marker + " after " + MAX_ROUNDS + " rounds", null);
    }

    /** The takeover marker holds the claimant's id, so a claimant whose write landed unanswered knows it won. */
    private boolean takeOver(String takeover, String claimId, Deadline deadline) {
        byte[] id = claimId.getBytes(StandardCharsets.UTF_8);
        if (objects.put(takeover, ObjectStore.Body.of(id), JSON, Map.of(), true, deadline)) {
            return true;
        }
        return Arrays.equals(id, objects.get(takeover, deadline));
    }

    /**
     * Read, check the claim id, then write if the ETag is unchanged: a true compare-and-swap where the store has one
     * (S3). A refused write is read back: when the store holds exactly this record, our write landed and only its
     * answer was lost (a retry then met the new ETag).
     */
    @Override
    public void update(String key, IdempotencyRecord record, Deadline deadline) {
        String marker = marker(key);
        ObjectStore.Stored current = mine(marker, record, deadline);
        byte[] json = record.toJson();
        if (current == null) {
            throw new ClaimLostException(key);
        }
        if (!objects.replace(marker, ObjectStore.Body.of(json), JSON, current.etag(), deadline)
                && !Arrays.equals(json, objects.get(marker, deadline))) {
            throw new ClaimLostException(key);
        }
    }

    @Override
    public void settle(String key, IdempotencyRecord record, Deadline deadline) {
        objects.put(marker(key), ObjectStore.Body.of(record.toJson()), JSON, Map.of(), false, deadline);
    }

    @Override
    public void release(String key, IdempotencyRecord mine, Deadline deadline) {
        String marker = marker(key);
        ObjectStore.Stored current = mine(marker, mine, deadline);
        if (current != null) {
            objects.delete(marker, current.etag(), deadline);
        }
    }

    /** The stored marker if it still holds {@code record}'s claim, else null. */
    private ObjectStore.Stored mine(String marker, IdempotencyRecord record, Deadline deadline) {
        ObjectStore.Stored current = objects.read(marker, deadline);
        if (current == null || !IdempotencyRecord.fromJson(current.bytes()).claimId().equals(record.claimId())) {
            return null;
        }
        return current;
    }

    @Override
    public List<ObjectStore.Listed> keys(String keyPrefix, Deadline deadline) {
        String folder = prefix + keyPrefix + "/";
        List<ObjectStore.Listed> keys = new ArrayList<>();
        for (ObjectStore.Listed object : objects.entries(folder, deadline)) {
            String name = object.key().substring(folder.length());
            // Only markers: takeover markers and the cursor sit beside them without the .json ending.
            if (name.endsWith(".json") && name.indexOf('/') < 0) {
                keys.add(new ObjectStore.Listed(keyPrefix + ":" + name.substring(0, name.length() - ".json".length()),
                        object.lastModified()));
            }
        }
        return keys;
    }

    @Override
    public SweepCursor cursor(String keyPrefix, Deadline deadline) {
        byte[] json = objects.get(cursorKey(keyPrefix), deadline);
        return json == null ? SweepCursor.START : SweepCursor.fromJson(json);
    }

    @Override
    public void saveCursor(String keyPrefix, SweepCursor cursor, Deadline deadline) {
        objects.put(cursorKey(keyPrefix), ObjectStore.Body.of(cursor.toJson()), JSON, Map.of(), false, deadline);
    }

    private String cursorKey(String keyPrefix) {
        return prefix + keyPrefix + "/sweep-cursor";
    }

    @Override
    public IdempotencyRecord read(String key, Deadline deadline) {
        byte[] body = objects.get(marker(key), deadline);
        return body == null ? null : IdempotencyRecord.fromJson(body);
    }

    /** The marker's key: idempotency keys look like {@code prefix:sha256hex}; the colon becomes a folder. */
    String marker(String key) {
        return prefix + key.replace(':', '/') + ".json";
    }

    @Override
    public String toString() {
        return "ObjectIdempotencyStore{" + objects + ", " + prefix + "}";
    }
}
