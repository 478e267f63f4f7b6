package com.aigcaudio.store;

import com.aigcaudio.config.IdempotencyConfig;
import com.aigcaudio.config.TrackingConfig;
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

    /**
     * Where the tracker copies soundtracks: AIGC_RESULT_COS_BUCKET when set; otherwise the local or memory state
     * store (a local run's soundtracks land in .aigc-local/); with COS state and no result bucket, nowhere (the
     * service's own, expiring URL is recorded).
     */
    public static ObjectStore results(TrackingConfig tracking, IdempotencyConfig state, ObjectStore stateStore,
                                      CredentialsProvider credentials, Supplier<HttpClient> http) {
        if (tracking.resultBucket() != null) {
            return new CosObjectStore(tracking.resultEndpoint(), tracking.resultBucket(), tracking.resultRegion(),
                    credentials, http);
        }
        return state.store() == IdempotencyConfig.StoreKind.COS ? null : stateStore;
    }

    /** How results name the store {@link #results} chose. */
    public static String resultsName(TrackingConfig tracking, IdempotencyConfig state) {
        if (tracking.resultBucket() != null) {
            return tracking.resultBucket();
        }
        return state.store() == IdempotencyConfig.StoreKind.COS ? null : state.store().name().toLowerCase(java.util.Locale.ROOT);
    }
}
