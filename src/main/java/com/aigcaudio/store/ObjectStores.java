package com.aigcaudio.store;

import com.aigcaudio.aws.auth.AwsCredentials;
import com.aigcaudio.config.Location;
import com.aigcaudio.config.StateConfig;
import com.aigcaudio.config.TrackingConfig;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.transport.Transport;

import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;

/** Builds the function's stores from their locations (AIGC_STATE, AIGC_RESULTS). */
public final class ObjectStores {
    private ObjectStores() {
    }

    /**
     * The state store: AIGC_STATE's bucket seen from under its prefix.
     *
     * @param aws the Lambda role's credentials, used only by an S3 store
     */
    public static ObjectStore state(StateConfig config, CredentialsProvider credentials, Supplier<AwsCredentials> aws,
                                    Transport http, Clock clock) {
        Location state = config.location();
        return PrefixedObjectStore.of(bucket(state, config.localBaseUrl(), credentials, aws, http, clock),
                state.prefix());
    }

    public static ObjectStore bucket(Location location, URI localBaseUrl, CredentialsProvider credentials,
                                      Supplier<AwsCredentials> aws, Transport http, Clock clock) {
        switch (location.kind()) {
            case COS:
                return new CosObjectStore(location.endpoint(), location.bucket(), location.region(), credentials, http);
            case S3:
                return new S3ObjectStore(location.endpoint(), location.region(), aws, http, clock);
            case FILE:
                return new LocalObjectStore(location.dir(), localBaseUrl);
            default:
                return new MemoryObjectStore(clock);
        }
    }

    /** How results name the store {@link #results} chose: its bucket, or "local" / "memory". */
    public static String resultsName(TrackingConfig tracking) {
        Location results = tracking.results();
        if (results == null) {
            return null;
        }
        return results.isBucket() ? results.bucket() : results.kind() == Location.Kind.FILE ? "local" : "memory";
    }
}
