package com.aigcaudio.idempotency;

import com.aigcaudio.tencent.client.Deadline;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** Per-instance records: the default for local runs and tests. Redeliveries that reach another instance are not seen. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private final ConcurrentHashMap<String, IdempotencyRecord> records = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryIdempotencyStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Claim claim(String key, IdempotencyRecord record, Deadline deadline) {
        AtomicReference<IdempotencyRecord> standing = new AtomicReference<>();
        records.compute(key, (k, current) -> {
            if (current == null || current.replaceableAt(clock.instant())) {
                return record;
            }
            standing.set(current);
            return current;
        });
        return standing.get() == null ? Claim.owned(record) : Claim.existing(standing.get());
    }

    @Override
    public void update(String key, IdempotencyRecord record, Deadline deadline) {
        if (records.computeIfPresent(key, (k, current) -> current.claimId().equals(record.claimId()) ? record : current)
                != record) {
            throw new ClaimLostException(key);
        }
    }

    @Override
    public void release(String key, IdempotencyRecord mine, Deadline deadline) {
        records.computeIfPresent(key, (k, current) -> current.claimId().equals(mine.claimId()) ? null : current);
    }

    @Override
    public java.util.List<String> keys(Deadline deadline) {
        return new java.util.ArrayList<>(records.keySet());
    }

    @Override
    public IdempotencyRecord read(String key, Deadline deadline) {
        return records.get(key);
    }

    /** How many records are held (tests check that bad input writes none). */
    public int size() {
        return records.size();
    }
}
