package com.aigcaudio.config;

import com.aigcaudio.core.ConfigurationException;

import java.net.URI;
import java.time.Duration;

/**
 * Where the function keeps its state, shared by every instance (claims, tracking records, spend slots), and how
 * long claims hold: AIGC_STATE, a COS bucket on SCF, an S3 bucket on Lambda, a directory for local runs, or memory.
 */
public final class StateConfig {
    static final String STATE_EXAMPLE = "cos://state-1250000000.ap-guangzhou/aigc/";
    /** Where claim markers live inside the state location. */
    public static final String MARKERS = "aigc-idempotency/";

    private final String keyPrefix;
    private final Duration ttl;
    private final Duration inProgressWindow;
    private final Location state;
    private final URI localBaseUrl;

    public StateConfig(String keyPrefix, Duration ttl, Duration inProgressWindow, Location state,
                             URI localBaseUrl) {
        this.keyPrefix = keyPrefix;
        this.ttl = ttl;
        this.inProgressWindow = inProgressWindow;
        this.state = state;
        this.localBaseUrl = localBaseUrl;
    }

    /**
     * Reads AIGC_STATE, AIGC_IDEMPOTENCY_KEY_PREFIX, AIGC_IDEMPOTENCY_TTL_SECONDS and
     * AIGC_IDEMPOTENCY_IN_PROGRESS_SECONDS.
     *
     * @param defaultState the state location when AIGC_STATE is unset, or null: then it is required (SCF, Lambda:
     *                     a per-instance store would silently give up exactly-once across instances)
     * @param localBaseUrl where `serve` publishes a file: state location, or null
     */
    public static StateConfig from(Settings s, String defaultState, URI localBaseUrl) {
        String keyPrefix = s.string("AIGC_IDEMPOTENCY_KEY_PREFIX", "aigc-audio");
        if (!keyPrefix.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigurationException("AIGC_IDEMPOTENCY_KEY_PREFIX",
                    "use 1-64 letters, digits, '.', '_' or '-'");
        }
        Duration ttl = Duration.ofSeconds(s.longValue("AIGC_IDEMPOTENCY_TTL_SECONDS", 259_200, 60, 31_536_000));
        Duration window = Duration.ofSeconds(s.longValue("AIGC_IDEMPOTENCY_IN_PROGRESS_SECONDS", 60, 1, 86_400));
        String value = s.string("AIGC_STATE", defaultState);
        if (value == null) {
            throw new ConfigurationException("AIGC_STATE", "required: where claims, tracking records and spend slots "
                    + "live, shared by every instance, e.g. " + STATE_EXAMPLE + " (SCF) or s3://my-state-bucket/ "
                    + "(Lambda)");
        }
        Location state = Location.parse(s, "AIGC_STATE", value, STATE_EXAMPLE);
        return new StateConfig(keyPrefix, ttl, window, state,
                state.kind() == Location.Kind.FILE ? localBaseUrl : null);
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public Duration ttl() {
        return ttl;
    }

    public Duration inProgressWindow() {
        return inProgressWindow;
    }

    public Location location() {
        return state;
    }

    /** The URL a file: state location's objects are served under (`serve`), or null: then file URLs. */
    public URI localBaseUrl() {
        return localBaseUrl;
    }
}
