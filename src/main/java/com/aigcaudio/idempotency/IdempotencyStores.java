package com.aigcaudio.idempotency;

import com.aigcaudio.config.IdempotencyConfig;
import com.aigcaudio.tencent.auth.CredentialsProvider;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.function.Supplier;

/** Builds the configured store. */
public final class IdempotencyStores {
    private IdempotencyStores() {
    }

    public static IdempotencyStore create(IdempotencyConfig config, CredentialsProvider credentials, Clock clock,
                                          Supplier<HttpClient> http) {
        if (config.store() == IdempotencyConfig.StoreKind.COS) {
            return new CosIdempotencyStore(config.cosEndpoint(), config.cosPrefix(), credentials, clock, http);
        }
        return new InMemoryIdempotencyStore(clock);
    }
}
