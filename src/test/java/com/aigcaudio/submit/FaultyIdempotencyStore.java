package com.aigcaudio.submit;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.idempotency.Claim;
import com.aigcaudio.idempotency.IdempotencyRecord;
import com.aigcaudio.idempotency.IdempotencyStore;
import com.aigcaudio.idempotency.ObjectIdempotencyStore;
import com.aigcaudio.idempotency.SweepCursor;
import com.aigcaudio.store.MemoryObjectStore;
import com.aigcaudio.store.ObjectStore;
import com.aigcaudio.store.StoreUnavailableException;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A store in memory with failures on demand: the next N calls of an operation answer "unavailable". */
final class FaultyIdempotencyStore implements IdempotencyStore {
    enum Op { CLAIM, UPDATE, RELEASE }

    final ObjectIdempotencyStore records;
    /** The objects under the records: a test writes what no writer of ours would. */
    final MemoryObjectStore objects;
    private final Map<Op, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<Op, AtomicInteger> calls = new ConcurrentHashMap<>();
    /** Runs before every update (after any injected failure): a test takes the claim over here. */
    Runnable beforeUpdate = () -> { };

    FaultyIdempotencyStore(Clock clock) {
        this.objects = new MemoryObjectStore(clock);
        this.records = new ObjectIdempotencyStore(objects, "claims/", clock);
        for (Op op : Op.values()) {
            failures.put(op, new AtomicInteger());
            calls.put(op, new AtomicInteger());
        }
    }

    void failNext(Op op, int times) {
        failures.get(op).set(times);
    }

    int calls(Op op) {
        return calls.get(op).get();
    }

    private void enter(Op op) {
        calls.get(op).incrementAndGet();
        if (failures.get(op).getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreUnavailableException("injected: " + op + " answered 503", null);
        }
    }

    @Override
    public Claim claim(String key, IdempotencyRecord record, Deadline deadline) {
        enter(Op.CLAIM);
        return records.claim(key, record, deadline);
    }

    @Override
    public void update(String key, IdempotencyRecord record, Deadline deadline) {
        enter(Op.UPDATE);
        beforeUpdate.run();
        records.update(key, record, deadline);
    }

    /** Counted with updates: it is the owner's second write of its record. */
    @Override
    public void settle(String key, IdempotencyRecord record, Deadline deadline) {
        enter(Op.UPDATE);
        beforeUpdate.run();
        records.settle(key, record, deadline);
    }

    @Override
    public void release(String key, IdempotencyRecord mine, Deadline deadline) {
        enter(Op.RELEASE);
        records.release(key, mine, deadline);
    }

    @Override
    public List<ObjectStore.Listed> keys(String keyPrefix, Deadline deadline) {
        return records.keys(keyPrefix, deadline);
    }

    @Override
    public SweepCursor cursor(String keyPrefix, Deadline deadline) {
        return records.cursor(keyPrefix, deadline);
    }

    @Override
    public void saveCursor(String keyPrefix, SweepCursor cursor, Deadline deadline) {
        records.saveCursor(keyPrefix, cursor, deadline);
    }

    @Override
    public IdempotencyRecord read(String key, Deadline deadline) {
        return records.read(key, deadline);
    }
}
