package com.aigcaudio.config;

import java.net.URI;
import java.time.Duration;

/**
 * Following tasks to their result: where soundtracks are delivered, how big they may be, which timer runs the
 * tracker, and the optional webhook.
 */
public final class TrackingConfig {
    static final String DEFAULT_TRACKER_TRIGGER = "aigc-tracker";

    private final String resultBucket;
    private final String resultRegion;
    private final URI resultEndpoint;
    private final String resultPrefix;
    private final String resultFormat;
    private final long maxResultBytes;
    private final String trackerTrigger;
    private final URI notifyUrl;
    private final String notifySecret;
    private final Duration firstCheck;

    public TrackingConfig(String resultBucket, String resultRegion, URI resultEndpoint, String resultPrefix,
                          String resultFormat, long maxResultBytes, String trackerTrigger, URI notifyUrl,
                          String notifySecret, Duration firstCheck) {
        this.resultBucket = resultBucket;
        this.resultRegion = resultRegion;
        this.resultEndpoint = resultEndpoint;
        this.resultPrefix = resultPrefix;
        this.resultFormat = resultFormat;
        this.maxResultBytes = maxResultBytes;
        this.trackerTrigger = trackerTrigger;
        this.notifyUrl = notifyUrl;
        this.notifySecret = notifySecret;
        this.firstCheck = firstCheck;
    }

    /**
     * Reads AIGC_RESULT_COS_BUCKET, AIGC_RESULT_COS_REGION (default TENCENTCLOUD_REGION), AIGC_RESULT_COS_ENDPOINT,
     * AIGC_RESULT_PREFIX, AIGC_RESULT_FORMAT, AIGC_RESULT_MAX_BYTES, AIGC_TRACKER_TRIGGER, AIGC_NOTIFY_URL and
     * AIGC_NOTIFY_SECRET, AIGC_TRACKER_FIRST_CHECK_MS.
     *
     * @param outputFormat AIGC_OUTPUT_AUDIO_FORMAT, the default result format
     */
    public static TrackingConfig from(Settings s, String outputFormat) {
        String bucket = s.string("AIGC_RESULT_COS_BUCKET");
        if (bucket != null && !bucket.matches("[a-z0-9-]+-\\d+")) {
            throw new ConfigurationException("AIGC_RESULT_COS_BUCKET", "expected the full bucket name, <name>-<appid>");
        }
        String region = s.string("AIGC_RESULT_COS_REGION", s.string("TENCENTCLOUD_REGION"));
        URI endpoint = s.httpUrl("AIGC_RESULT_COS_ENDPOINT");
        if (bucket != null && endpoint == null) {
            if (region == null) {
                throw new ConfigurationException("AIGC_RESULT_COS_REGION", "required with AIGC_RESULT_COS_BUCKET "
                        + "(or set TENCENTCLOUD_REGION)");
            }
            endpoint = URI.create("https://" + bucket + ".cos." + region + ".myqcloud.com/");
        }
        String prefix = s.string("AIGC_RESULT_PREFIX", "soundtracks/");
        if (prefix.startsWith("/") || prefix.contains("..")) {
            throw new ConfigurationException("AIGC_RESULT_PREFIX", "must be a relative key prefix such as soundtracks/");
        }
        String format = s.oneOf("AIGC_RESULT_FORMAT", outputFormat == null ? "mp3" : outputFormat, "mp3", "wav");
        URI notify = s.httpUrl("AIGC_NOTIFY_URL");
        String secret = s.string("AIGC_NOTIFY_SECRET");
        if (notify != null && (secret == null || secret.length() < 16)) {
            throw new ConfigurationException("AIGC_NOTIFY_SECRET", "required with AIGC_NOTIFY_URL: at least 16 characters");
        }
        return new TrackingConfig(bucket, region, endpoint, prefix, format,
                s.longValue("AIGC_RESULT_MAX_BYTES", 100L * 1024 * 1024, 1024, 5L * 1024 * 1024 * 1024),
                s.string("AIGC_TRACKER_TRIGGER", DEFAULT_TRACKER_TRIGGER), notify, secret,
                s.millis("AIGC_TRACKER_FIRST_CHECK_MS", Duration.ofSeconds(10), 100, 300_000));
    }

    /** The bucket soundtracks are copied to, or null: then they go to the local or memory state store, if any. */
    public String resultBucket() {
        return resultBucket;
    }

    public String resultRegion() {
        return resultRegion;
    }

    public URI resultEndpoint() {
        return resultEndpoint;
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
        return "TrackingConfig{resultBucket=" + resultBucket + ", resultPrefix=" + resultPrefix + ", notifyUrl="
                + notifyUrl + ", notifySecret=" + (notifySecret == null ? "unset" : "<set>") + "}";
    }
}
