package com.aigcaudio.store;

import com.aigcaudio.config.IdempotencyConfig;
import com.aigcaudio.tencent.auth.CredentialsProvider;

import java.net.http.HttpClient;
import java.util.function.Supplier;

/** Builds the function's state store (idempotency markers, tracking records) from its configuration. */
public final class ObjectStores {
    private ObjectStores() {
    }

    public static ObjectStore state(IdempotencyConfig config, CredentialsProvider credentials, Supplier<HttpClient> http) {
        switch (config.store()) {
            case COS:
                return new CosObjectStore(config.cosEndpoint(), config.cosBucket(), config.cosRegion(), credentials, http);
            case LOCAL:
                return new LocalObjectStore(config.localDir());
            default:
                return new MemoryObjectStore();
        }
    }
}
