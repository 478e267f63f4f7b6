package com.aigcaudio.idempotency;

import com.aigcaudio.config.IdempotencyConfig;
import com.aigcaudio.store.ObjectStore;

import java.time.Clock;

/** Builds the configured idempotency store on the function's state store. */
public final class IdempotencyStores {
    private IdempotencyStores() {
    }

    public static IdempotencyStore create(IdempotencyConfig config, ObjectStore state, Clock clock) {
        return new ObjectIdempotencyStore(state, IdempotencyConfig.MARKERS, clock);
    }
}
