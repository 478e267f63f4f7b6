package com.aigcaudio.config;

import java.time.Duration;

/** How a COS object is handed to the service: a presigned URL (private buckets; the default) or its plain URL. */
public final class MediaUrlSettings {
    public enum Mode { PRESIGNED, OBJECT }

    private final Mode mode;
    private final Duration lifetime;

    public MediaUrlSettings(Mode mode, Duration lifetime) {
        this.mode = mode;
        this.lifetime = lifetime;
    }

    /** Reads AIGC_MEDIA_URL (presigned or object) and AIGC_MEDIA_URL_TTL_SECONDS (60 s to 7 days, default 3600). */
    public static MediaUrlSettings from(Settings s) {
        Mode mode = "object".equals(s.oneOf("AIGC_MEDIA_URL", "presigned", "presigned", "object"))
                ? Mode.OBJECT : Mode.PRESIGNED;
        return new MediaUrlSettings(mode, Duration.ofSeconds(s.longValue("AIGC_MEDIA_URL_TTL_SECONDS", 3600, 60,
                604_800)));
    }

    public Mode mode() {
        return mode;
    }

    public Duration lifetime() {
        return lifetime;
    }
}
