package com.aigcaudio.idempotency;

import com.aigcaudio.store.StoreUnavailableException;

/**
 * The record is no longer this claimant's: its window passed and another delivery took the key over. Whoever
 * holds it now decides; this claimant must not send, overwrite or delete.
 */
public final class ClaimLostException extends StoreUnavailableException {
    public ClaimLostException(String key) {
        super("the claim on " + key + " was taken over by another delivery", null);
    }
}
