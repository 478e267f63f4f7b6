package com.aigcaudio.config;

import com.aigcaudio.tencent.client.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionConfigTest {

    private static FunctionConfig load(Map<String, String> env) {
        return FunctionConfig.from(new Settings(env::get));
    }

    @Test
    void from_resultLocationInsideTheInputFilters_isRefusedAtStart() {
        ConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigurationException.class,
                () -> load(Map.of("AIGC_RESULT_COS_BUCKET", "videos-1250000000", "TENCENTCLOUD_REGION", "ap-guangzhou",
                        "AIGC_COS_PREFIXES", "incoming/", "AIGC_RESULT_PREFIX", "incoming/soundtracks/")));
        assertTrue(e.getMessage().contains("AIGC_RESULT_PREFIX"), e.getMessage());
    }

    @Test
    void cosScope_deliveredSoundtrack_isSkippedAsItsOwnOutput() {
        FunctionConfig config = load(Map.of("AIGC_RESULT_COS_BUCKET", "videos-1250000000",
                "TENCENTCLOUD_REGION", "ap-guangzhou", "AIGC_COS_PREFIXES", "incoming/"));
        assertTrue(config.cos().exclusionReason("videos-1250000000", "soundtracks/incoming/a.mp4.mp3")
                .contains("result location"));
        assertNull(config.cos().exclusionReason("videos-1250000000", "incoming/a.mp4"));
    }

    @Test
    void from_notifyUrlWithoutSecret_isRefused() {
        ConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigurationException.class,
                () -> load(Map.of("AIGC_NOTIFY_URL", "https://hooks.example.com/aigc")));
        assertTrue(e.getMessage().contains("AIGC_NOTIFY_SECRET"), e.getMessage());
    }

    @Test
    void from_nothingSet_usesVodDefaults() {
        FunctionConfig config = load(Map.of());
        assertEquals(Service.VOD, config.client().service());
        assertEquals(URI.create("https://vod.tencentcloudapi.com/"), config.client().endpoint());
        assertNull(config.client().region());
        assertEquals("/tasks", config.http().path());
        assertEquals(20, config.client().requestsPerSecond());
    }

    @Test
    void from_internationalMps_usesIntlHost() {
        FunctionConfig config = load(Map.of("AIGC_SERVICE", "MPS", "AIGC_INTERNATIONAL", "true",
                "TENCENTCLOUD_REGION", "ap-singapore"));
        assertEquals(URI.create("https://mps.intl.tencentcloudapi.com/"), config.client().endpoint());
        assertEquals("ap-singapore", config.client().region());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "AIGC_SERVICE|cvm",
            "AIGC_ENDPOINT|ftp://example.com",
            "AIGC_ENDPOINT|not a url",
            "AIGC_INTERNATIONAL|maybe",
            "AIGC_LANGUAGE|fr-FR",
            "AIGC_REQUEST_TIMEOUT_MS|0",
            "AIGC_CONNECT_TIMEOUT_MS|abc",
            "AIGC_MAX_ATTEMPTS|11",
            "AIGC_RATE_LIMIT_PER_SECOND|0",
            "AIGC_VOD_SUB_APP_ID|-3",
            "AIGC_VOD_DURATION|61",
            "AIGC_VOD_STORAGE_MODE|Forever",
            "AIGC_VOD_CLASS_ID|x",
            "AIGC_VOD_MEDIA_NAME|nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn",
            "AIGC_VOD_EXPIRE_TIME|next week",
            "AIGC_OUTPUT_AUDIO_FORMAT|flac",
            "AIGC_ADDITIONAL_PARAMETERS|[1]",
            "AIGC_ADDITIONAL_PARAMETERS|{broken",
            "AIGC_PROMPT|Music for {file}",
            "AIGC_HTTP_PATH|tasks",
            "AIGC_HTTP_TOKEN|short",
            "AIGC_HTTP_MAX_BODY_BYTES|10",
            "AIGC_LOG_LEVEL|LOUD",
            "AIGC_MPS_COS_BUCKET|b-1250000000",
    })
    void from_invalidVariable_failsNamingIt(String name, String value) {
        Map<String, String> env = new HashMap<>();
        env.put(name, value);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(env));
        assertEquals(name, e.variable(), e.getMessage());
        assertTrue(e.getMessage().startsWith(name + ": "));
    }

    @Test
    void from_s3Store_buildsTheBucketUrlFromAwsRegion() {
        IdempotencyConfig config = load(Map.of("AIGC_IDEMPOTENCY_STORE", "s3", "AIGC_IDEMPOTENCY_S3_BUCKET", "my-state",
                "AWS_REGION", "eu-west-1")).idempotency();
        assertEquals("https://my-state.s3.eu-west-1.amazonaws.com/", config.endpoint().toString());
        assertEquals("aigc-idempotency/", config.prefix());
        assertEquals("http://127.0.0.1:9090/my-state/", load(Map.of("AIGC_IDEMPOTENCY_STORE", "s3",
                "AIGC_IDEMPOTENCY_S3_BUCKET", "my-state", "AWS_REGION", "eu-west-1",
                "AIGC_IDEMPOTENCY_S3_ENDPOINT", "http://127.0.0.1:9090/")).idempotency().endpoint().toString());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "s3, AIGC_IDEMPOTENCY_S3_REGION, AIGC_IDEMPOTENCY_S3_BUCKET, my-state",
        "s3, AIGC_IDEMPOTENCY_S3_BUCKET, AIGC_IDEMPOTENCY_S3_BUCKET, Not_A_Bucket",
        "cos, AIGC_IDEMPOTENCY_S3_BUCKET, AIGC_IDEMPOTENCY_S3_BUCKET, my-state",
        "s3, AIGC_IDEMPOTENCY_COS_PREFIX, AIGC_IDEMPOTENCY_COS_PREFIX, x/"})
    void from_s3StoreMisconfigured_namesTheVariable(String store, String named, String variable, String value) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("AIGC_IDEMPOTENCY_STORE", store, variable, value));
        if (store.equals("cos")) {
            env.put("AIGC_IDEMPOTENCY_COS_BUCKET", "state-1250000000");
            env.put("TENCENTCLOUD_REGION", "ap-guangzhou");
        }
        if (!variable.equals("AIGC_IDEMPOTENCY_S3_BUCKET")) {
            env.put("AIGC_IDEMPOTENCY_S3_BUCKET", "my-state");
            env.put("AWS_REGION", "eu-west-1");
        }
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(env));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void from_mpsBucketWithoutRegion_namesRegionVariable() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(Map.of("AIGC_SERVICE", "mps",
                "AIGC_MPS_COS_BUCKET", "out-1250000000", "AIGC_COS_BUCKETS", "in-1250000000")));
        assertEquals("AIGC_MPS_COS_REGION", e.variable());
    }

    @Test
    void from_mpsPathWithoutBucket_isRejected() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> load(Map.of("AIGC_SERVICE", "mps", "AIGC_MPS_COS_PATH", "out/")));
        assertEquals("AIGC_MPS_COS_PATH", e.variable());
    }

    @Test
    void httpSettings_matchesGatewayPrefixedPathsOnWholeSegments() {
        HttpSettings http = new HttpSettings("/tasks", 1024, null, List.of(), Set.of(), List.of());
        assertTrue(http.matches("/tasks"));
        assertTrue(http.matches("/tasks/"));
        assertTrue(http.matches("/release/tasks"));
        assertTrue(!http.matches("/subtasks"));
        assertTrue(!http.matches("/tasks/extra"));
    }
}
