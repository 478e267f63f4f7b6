package com.aigcaudio.idempotency;

/** The answer to a claim: either this caller now owns the key, or someone else's record stands. */
public final class Claim {
    private final IdempotencyRecord owned;
    private final IdempotencyRecord existing;

    private Claim(IdempotencyRecord owned, IdempotencyRecord existing) {
        this.owned = owned;
        this.existing = existing;
    }

    public static Claim owned(IdempotencyRecord record) {
        return new Claim(record, null);
    }

    public static Claim existing(IdempotencyRecord record) {
        return new Claim(null, record);
    }

    public boolean isOwned() {
        return owned != null;
    }

    /** The caller's own IN_PROGRESS record, when owned. */
    public IdempotencyRecord owned() {
        return owned;
    }

    /** The record standing in the way, when not owned. */
    public IdempotencyRecord existing() {
        return existing;
    }
}
