package com.aigcaudio.idempotency;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.store.ObjectStore;
import com.aigcaudio.store.StoreUnavailableException;

import java.util.List;

/**
 * Persistence for idempotency records. {@link #claim} must be atomic: of any number of concurrent claims of one key,
 * at most one is owned; an existing record that is {@linkplain IdempotencyRecord#replaceableAt replaceable} may be
 * taken over, again by at most one claimant. Every method throws {@link StoreUnavailableException} when the
 * store cannot answer, and none waits past {@code deadline}: with no time left it sends nothing.
 */
public interface IdempotencyStore {
    /** Claims the key with {@code record} (IN_PROGRESS) unless an unreplaceable record exists. */
    Claim claim(String key, IdempotencyRecord record, Deadline deadline);

    /**
     * Overwrites the owner's record (SENDING, COMPLETED or UNKNOWN_OUTCOME): only while the stored record still has
     * {@code record}'s claim id.
     *
     * @throws ClaimLostException when another claimant has taken the key over
     */
    void update(String key, IdempotencyRecord record, Deadline deadline);

    /**
     * Writes the outcome (COMPLETED or UNKNOWN_OUTCOME) over the owner's SENDING record in one request, without
     * reading it first: a SENDING record is never taken over (see {@link IdempotencyRecord#replaceableAt}), so
     * once the owner's SENDING write landed the key is still its own. Should an operator have deleted the marker
     * meanwhile, the outcome written is still the truth: a task exists, and a redelivery finds it.
     */
    void settle(String key, IdempotencyRecord record, Deadline deadline);

    /** Deletes the owner's claim so that a retry can run; a record that is no longer {@code mine} is left alone. */
    void release(String key, IdempotencyRecord mine, Deadline deadline);

    /** Every key starting {@code keyPrefix + ":"} that has a record, with when it was last written (for the sweep). */
    List<ObjectStore.Listed> keys(String keyPrefix, Deadline deadline);

    /** Where the sweep of {@code keyPrefix}'s claims stopped, or {@link SweepCursor#START}. */
    SweepCursor cursor(String keyPrefix, Deadline deadline);

    /** Keeps where the sweep stopped; the last writer wins (every cursor a sweep writes is safe to resume from). */
    void saveCursor(String keyPrefix, SweepCursor cursor, Deadline deadline);

    /** The record of a key, or null. */
    IdempotencyRecord read(String key, Deadline deadline);
}
