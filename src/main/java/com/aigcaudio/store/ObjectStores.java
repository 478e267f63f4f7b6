package com.aigcaudio.store;

import com.aigcaudio.aws.auth.AwsCredentials;
import com.aigcaudio.config.IdempotencyConfig;
import com.aigcaudio.config.TrackingConfig;
import com.aigcaudio.tencent.auth.CredentialsProvider;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.function.Supplier;

/** Builds the function's state store (idempotency markers, tracking records) from its configuration. */
public final class ObjectStores {
    private ObjectStores() {
    }

    /** @param aws the Lambda role's credentials, used only by an S3 store */
    public static ObjectStore state(IdempotencyConfig config, CredentialsProvider credentials, Supplier<AwsCredentials> aws,
                                    Supplier<HttpClient> http, Clock clock) {
        switch (config.store()) {
            case COS:
                return new CosObjectStore(config.endpoint(), config.bucket(), config.region(), credentials, http);
            case S3:
                return new S3ObjectStore(config.endpoint(), config.region(), aws, http, clock);
            case LOCAL:
                return new LocalObjectStore(config.localDir(), config.localBaseUrl());
            default:
                return new MemoryObjectStore(clock);
        }
    }

    /**
     * Where the tracker copies soundtracks: AIGC_RESULT_COS_BUCKET when set; otherwise the S3, local or memory state
     * store (on Lambda they land in the state bucket, a local run's in .aigc-local/); with COS state and no result
     * bucket, nowhere (the service's own, expiring URL is recorded).
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
        if (state.store() == IdempotencyConfig.StoreKind.S3) {
            return state.bucket();
        }
        return state.store() == IdempotencyConfig.StoreKind.COS ? null : state.store().name().toLowerCase(java.util.Locale.ROOT);
    }
}
