package com.aigcaudio.idempotency;

import com.aigcaudio.store.StoreUnavailableException;
import com.aigcaudio.tencent.client.Deadline;

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

    /** Deletes the owner's claim so that a retry can run; a record that is no longer {@code mine} is left alone. */
    void release(String key, IdempotencyRecord mine, Deadline deadline);

    /** Every key that has a record (for the sweep of orphaned claims). */
    java.util.List<String> keys(Deadline deadline);

    /** The record of a key, or null. */
    IdempotencyRecord read(String key, Deadline deadline);
}
