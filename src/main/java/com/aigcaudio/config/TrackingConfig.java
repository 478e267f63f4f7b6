package com.aigcaudio.config;

import com.aigcaudio.core.ConfigurationException;

import java.net.URI;
import java.time.Duration;

/**
 * Following tasks to their result: where soundtracks are delivered, how big they may be, which timer runs the
 * tracker, and the optional webhook.
 */
public final class TrackingConfig {
    static final String DEFAULT_TRACKER_TRIGGER = "aigc-tracker";
    static final String DEFAULT_RESULT_PREFIX = "soundtracks/";

    private final Location results;
    private final boolean resultsChosen;
    private final String resultPrefix;
    private final String resultFormat;
    private final long maxResultBytes;
    private final String trackerTrigger;
    private final URI notifyUrl;
    private final String notifySecret;
    private final Duration firstCheck;

    /**
     * Reads AIGC_RESULTS (default: the state location, under soundtracks/ at its root; {@code none}: keep the
     * service's own expiring URL), AIGC_RESULT_FORMAT, AIGC_RESULT_MAX_BYTES, AIGC_TRACKER_TRIGGER, AIGC_NOTIFY_URL,
     * AIGC_NOTIFY_SECRET and AIGC_TRACKER_FIRST_CHECK_MS.
     *
     * @param outputFormat the default result format (the task defaults' OutputAudioFormat), or null
     */
    public static TrackingConfig from(Settings s, Location state, String outputFormat) {
        return new TrackingConfig(s, state, outputFormat);
    }

    private TrackingConfig(Settings s, Location state, String outputFormat) {
        String value = s.string("AIGC_RESULTS");
        this.resultsChosen = value != null;
        if (value == null) {
            this.results = state;
            this.resultPrefix = DEFAULT_RESULT_PREFIX;
        } else if (value.equals("none")) {
            this.results = null;
            this.resultPrefix = DEFAULT_RESULT_PREFIX;
        } else {
            this.results = Location.parse(s, "AIGC_RESULTS", value, "cos://media-1250000000.ap-guangzhou/soundtracks/");
            this.resultPrefix = results.prefix().isEmpty() ? DEFAULT_RESULT_PREFIX : results.prefix();
        }
        this.resultFormat = s.oneOf("AIGC_RESULT_FORMAT", outputFormat == null ? "mp3" : outputFormat, "mp3", "wav");
        this.notifyUrl = s.httpUrl("AIGC_NOTIFY_URL");
        this.notifySecret = s.string("AIGC_NOTIFY_SECRET");
        if (notifyUrl != null && (notifySecret == null || notifySecret.length() < 16)) {
            throw new ConfigurationException("AIGC_NOTIFY_SECRET",
                    "required with AIGC_NOTIFY_URL: at least 16 characters");
        }
        this.maxResultBytes = s.longValue("AIGC_RESULT_MAX_BYTES", 100L * 1024 * 1024, 1024, 5L * 1024 * 1024 * 1024);
        this.trackerTrigger = s.string("AIGC_TRACKER_TRIGGER", DEFAULT_TRACKER_TRIGGER);
        this.firstCheck = s.millis("AIGC_TRACKER_FIRST_CHECK_MS", Duration.ofSeconds(10), 100, 300_000);
    }

    /** Where soundtracks are copied to, or null: the service's own expiring URL is recorded. */
    public Location results() {
        return results;
    }

    /** Whether AIGC_RESULTS named the result location, rather than the state location's default. */
    public boolean resultsChosen() {
        return resultsChosen;
    }

    /** The COS bucket soundtracks are copied to, or null (the recursion guard compares it with uploads). */
    public String resultBucket() {
        return results != null && results.kind() == Location.Kind.COS ? results.bucket() : null;
    }

    /** Key prefix of delivered soundtracks: prefix + source key + "." + format. */
    public String resultPrefix() {
        return resultPrefix;
    }

    public String resultFormat() {
        return resultFormat;
    }

    public long maxResultBytes() {
        return maxResultBytes;
    }

    /** A timer with this trigger name (or the message "track") runs the tracker instead of creating a task. */
    public String trackerTrigger() {
        return trackerTrigger;
    }

    /** The first interval between checks of a task; each later one doubles, up to 5 minutes. */
    public Duration firstCheck() {
        return firstCheck;
    }

    public URI notifyUrl() {
        return notifyUrl;
    }

    /** The webhook's HMAC key. A secret: never log it. */
    public String notifySecret() {
        return notifySecret;
    }

    @Override
    public String toString() {
        return "TrackingConfig{results=" + results + ", resultPrefix=" + resultPrefix + ", notifyUrl="
                + notifyUrl + ", notifySecret=" + (notifySecret == null ? "unset" : "<set>") + "}";
    }
}
