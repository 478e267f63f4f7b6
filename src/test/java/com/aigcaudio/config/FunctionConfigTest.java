package com.aigcaudio.config;

import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.core.Service;
import com.aigcaudio.function.FunctionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionConfigTest {

    /** On a platform, with memory state unless the test names one. */
    private static FunctionConfig load(Map<String, String> env) {
        return FunctionConfig.from(new Settings(
                name -> env.containsKey(name) ? env.get(name) : name.equals("AIGC_STATE") ? "memory:" : null));
    }

    @Test
    void from_resultLocationInsideTheInputFilters_isRefusedAtStart() {
        ConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigurationException.class,
                () -> load(Map.of("AIGC_RESULTS", "cos://videos-1250000000.ap-guangzhou/incoming/soundtracks/",
                        "AIGC_COS_PREFIXES", "incoming/")));
        assertTrue(e.getMessage().startsWith("AIGC_RESULTS: "), e.getMessage());
    }

    @Test
    void cosScope_deliveredSoundtrack_isSkippedAsItsOwnOutput() {
        FunctionConfig config = load(Map.of("AIGC_RESULTS", "cos://videos-1250000000.ap-guangzhou/",
                "AIGC_COS_PREFIXES", "incoming/"));
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
            "AIGC_MAX_CONCURRENCY|0",
            "AIGC_TASK_DEFAULTS|[1]",
            "AIGC_TASK_DEFAULTS|{broken",
            "AIGC_STATE|cos://state.ap-guangzhou/",
            "AIGC_STATE|s3:/my-state",
            "AIGC_STATE|/tmp/state",
            "AIGC_RESULTS|ftp://x",
            "AIGC_MPS_OUTPUT|cos://b-1250000000.ap-guangzhou/",
            "AIGC_PROMPT|Music for {file}",
            "AIGC_HTTP_PATH|tasks",
            "AIGC_HTTP_TOKEN|short",
            "AIGC_HTTP_MAX_BODY_BYTES|10",
            "AIGC_LOG_LEVEL|LOUD",
    })
    void from_invalidVariable_failsNamingIt(String name, String value) {
        Map<String, String> env = new HashMap<>();
        env.put(name, value);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(env));
        assertEquals(name, e.variable(), e.getMessage());
        assertTrue(e.getMessage().startsWith(name + ": "));
    }

    @Test
    void state_s3_regionFromAwsRegionOrTheUri_endpointOverridePathStyle() {
        Location state = load(Map.of("AIGC_STATE", "s3://my-state/aigc", "AWS_REGION", "eu-west-1")).state().location();
        assertEquals("https://my-state.s3.eu-west-1.amazonaws.com/", state.endpoint().toString());
        assertEquals("aigc/", state.prefix());
        assertEquals("us-east-2", load(Map.of("AIGC_STATE", "s3://my-state/?region=us-east-2")).state().location()
                .region());
        assertEquals("http://127.0.0.1:9090/my-state/", load(Map.of("AIGC_STATE", "s3://my-state/", "AWS_REGION",
                "eu-west-1", "AIGC_S3_ENDPOINT", "http://127.0.0.1:9090/")).state().location().endpoint().toString());
    }

    @Test
    void state_cos_bucketAndRegionFromTheHost_endpointOverrideWithBucketPlaceholder() {
        Location state = load(Map.of("AIGC_STATE", "cos://state-1250000000.ap-guangzhou/", "AIGC_RESULTS", "none"))
                .state().location();
        assertEquals("https://state-1250000000.cos.ap-guangzhou.myqcloud.com/", state.endpoint().toString());
        assertEquals("", state.prefix());
        assertEquals("https://state-1250000000.cos-internal.ap-guangzhou.tencentcos.cn/", load(Map.of("AIGC_STATE",
                "cos://state-1250000000.ap-guangzhou/", "AIGC_RESULTS", "none", "AIGC_COS_ENDPOINT",
                "https://{bucket}.cos-internal.ap-guangzhou.tencentcos.cn")).state().location().endpoint().toString());
    }

    @Test
    void state_missingOnAPlatform_stopsNamingIt_localRunsDefaultToADirectory() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> FunctionConfig.from(new Settings(name -> null)));
        assertEquals("AIGC_STATE", e.variable());
        assertTrue(e.getMessage().contains("cos://state-1250000000.ap-guangzhou/"), e.getMessage());
        Location local = FunctionConfig.local(new Settings(name -> null), null).state().location();
        assertEquals(Location.Kind.FILE, local.kind());
        assertEquals(Path.of(".aigc-local"), local.dir());
    }

    @Test
    void state_s3WithoutAnyRegion_namesTheVariableAndTheFix() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> load(Map.of("AIGC_STATE", "s3://my-state/")));
        assertEquals("AIGC_STATE", e.variable());
        assertTrue(e.getMessage().contains("?region="), e.getMessage());
    }

    @Test
    void results_defaultToTheStateBucket_noneKeepsTheServiceUrl() {
        // No input filters at all: the default is still accepted, and an upload under it is skipped at run time.
        FunctionConfig config = load(Map.of("AIGC_STATE", "cos://state-1250000000.ap-guangzhou/aigc/"));
        assertEquals("state-1250000000", config.tracking().results().bucket());
        assertEquals("soundtracks/", config.tracking().resultPrefix());
        assertTrue(config.cos().exclusionReason("state-1250000000", "soundtracks/incoming/a.mp4.mp3")
                .contains("result location"));
        assertNull(load(Map.of("AIGC_RESULTS", "none")).tracking().results());
    }

    @Test
    void mpsOutput_becomesStoreCosParam_onlyOnMps() {
        FunctionConfig config = load(Map.of("AIGC_SERVICE", "mps", "AIGC_MPS_OUTPUT",
                "cos://out-1250000000.ap-shanghai/aigc-output/", "AIGC_COS_BUCKETS", "in-1250000000"));
        assertEquals(Map.of("CosBucketName", "out-1250000000", "CosBucketRegion", "ap-shanghai", "CosBucketPath",
                "aigc-output/"), config.defaults().storeCosParam());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(Map.of("AIGC_SERVICE", "mps",
                "AIGC_MPS_OUTPUT", "s3://out/?region=eu-west-1")));
        assertEquals("AIGC_MPS_OUTPUT", e.variable());
    }

    @Test
    void taskDefaults_areReadLikeAnHttpBody_fieldNamedInTheMessage() {
        FunctionConfig config = load(Map.of("AIGC_TASK_DEFAULTS",
                "{\"ModelName\":\"MiniMaxMusic\",\"OutputConfig\":{\"OutputAudioFormat\":\"wav\"}}"));
        assertEquals("MiniMaxMusic", config.defaults().parameters().get("ModelName"));
        assertEquals("wav", config.tracking().resultFormat());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(Map.of("AIGC_TASK_DEFAULTS",
                "{\"OutputConfig\":{\"Duration\":61}}")));
        assertEquals("AIGC_TASK_DEFAULTS", e.variable());
        assertTrue(e.getMessage().contains("Duration"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> load(Map.of("AIGC_TASK_DEFAULTS",
                "{\"Prompt\":\"rain\"}")));
        assertTrue(e.getMessage().contains("AIGC_PROMPT"), e.getMessage());
    }
}
