package com.aigcaudio.config;

import com.aigcaudio.core.Service;
import com.aigcaudio.tencent.client.ClientConfig;

import java.time.Duration;

/**
 * The API client's settings from the environment, with the account-wide rate budget: the API allows
 * {@code AIGC_ACCOUNT_RATE_LIMIT} (20) CreateAigcAudioTask calls per second per account, and each instance limits
 * only itself, so the per-instance limit times the function's concurrency cap must stay within it.
 */
public final class ClientSettings {
    static final int ACCOUNT_RATE_LIMIT = 20;

    private ClientSettings() {
    }

    /** AIGC_SERVICE: vod (default) or mps. */
    public static Service service(Settings settings) {
        return Service.fromName(settings.oneOf("AIGC_SERVICE", "vod", "vod", "mps"));
    }

    /**
     * Reads AIGC_SERVICE, AIGC_ENDPOINT, AIGC_INTERNATIONAL, TENCENTCLOUD_REGION, AIGC_LANGUAGE, the timeouts,
     * AIGC_MAX_ATTEMPTS, the rate budget and AIGC_CONNECTION_WARMUP.
     */
    public static ClientConfig from(Settings settings) {
        return ClientConfig.builder(service(settings))
                .endpoint(settings.endpointUrl("AIGC_ENDPOINT", "https://vod.tencentcloudapi.com"))
                .international(settings.bool("AIGC_INTERNATIONAL", false))
                .region(settings.string("TENCENTCLOUD_REGION"))
                .language(settings.oneOf("AIGC_LANGUAGE", null, "zh-CN", "en-US"))
                .connectTimeout(settings.millis("AIGC_CONNECT_TIMEOUT_MS", Duration.ofSeconds(3), 100, 60_000))
                .requestTimeout(settings.millis("AIGC_REQUEST_TIMEOUT_MS", Duration.ofSeconds(10), 100, 300_000))
                .maxAttempts((int) settings.longValue("AIGC_MAX_ATTEMPTS", 3, 1, 10))
                .requestsPerSecond(perInstanceRate(settings))
                .connectionWarmup(settings.bool("AIGC_CONNECTION_WARMUP", true))
                .build();
    }

    /** The account's budget shared by AIGC_MAX_CONCURRENCY instances (all of it when the cap is unset). */
    static int perInstanceRate(Settings settings) {
        long account = settings.longValue("AIGC_ACCOUNT_RATE_LIMIT", ACCOUNT_RATE_LIMIT, 1, 1000);
        Long instances = settings.optionalLong("AIGC_MAX_CONCURRENCY", 1, account);
        return (int) (instances == null ? account : account / instances);
    }
}
