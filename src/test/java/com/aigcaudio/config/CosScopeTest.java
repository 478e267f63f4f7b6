package com.aigcaudio.config;

import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.function.FunctionConfig;
import com.aigcaudio.testing.FunctionHarness;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which uploads the function acts on, and the recursion guards that keep its own output from triggering it. */
class CosScopeTest {
    private static CosScope scope(List<String> buckets, List<String> prefixes, List<String> suffixes) {
        return new CosScope(buckets, prefixes, suffixes, "out-1250000000", "/aigc-output/")
                .excludingResults("videos-1250000000", "soundtracks/");
    }

    @Test
    void noFilters_actsOnEverythingOutsideTheOutputAndResultLocations() {
        CosScope scope = scope(List.of(), List.of(), List.of());

        assertNull(scope.exclusionReason("videos-1250000000", "incoming/a.mp4"));
        assertNull(scope.exclusionReason("out-1250000000", "elsewhere/a.mp4"));
        assertTrue(scope.exclusionReason("videos-1250000000", "soundtracks/incoming/a.mp4.wav")
                .contains("result location"));
        assertTrue(scope.exclusionReason("out-1250000000", "aigc-output/a.mp3").contains("output location"),
                "the leading slash of the output prefix is not part of the key");
    }

    @Test
    void bucketPrefixAndSuffixFilters_eachNamedWhenTheyExclude() {
        CosScope scope = scope(List.of("videos-1250000000"), List.of("/incoming/"), List.of(".MP4", ".mov"));

        assertNull(scope.exclusionReason("videos-1250000000", "incoming/Holiday.mp4"));
        assertNull(scope.exclusionReason("videos-1250000000", "incoming/clip.MOV"), "suffixes ignore case");
        assertTrue(scope.exclusionReason("other-1250000000", "incoming/a.mp4").contains("AIGC_COS_BUCKETS"));
        assertTrue(scope.exclusionReason("videos-1250000000", "drafts/a.mp4").contains("AIGC_COS_PREFIXES"));
        assertTrue(scope.exclusionReason("videos-1250000000", "incoming/a.png").contains("AIGC_COS_SUFFIXES"));
    }

    @Test
    void outputPrefixWithoutABucket_guardsTheKeyInEveryBucket() {
        CosScope scope = new CosScope(List.of(), List.of(), List.of(), null, "aigc-output/");

        assertTrue(scope.exclusionReason("any-1250000000", "aigc-output/x.mp3").contains("output prefix"));
        assertNull(scope.exclusionReason("any-1250000000", "incoming/x.mp4"));
    }

    private static Map<String, String> env() {
        Map<String, String> env = FunctionHarness.fixtureEnv(URI.create("https://vod.tencentcloudapi.com/"));
        env.put("AIGC_RESULTS", "cos://videos-1250000000.ap-guangzhou/");
        return env;
    }

    @Test
    void resultLocationInsideTheInputFilters_stopsTheStartNamingTheVariable() {
        Map<String, String> env = env();
        env.put("AIGC_COS_SUFFIXES", ".mp4,.mp3");

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> FunctionConfig.from(new Settings(env::get)));

        assertEquals("AIGC_RESULTS", e.variable());
    }

    @Test
    void resultLocationOutsideThePrefixFilter_starts() {
        Map<String, String> env = env();
        env.put("AIGC_COS_PREFIXES", "incoming/");

        CosScope scope = FunctionConfig.from(new Settings(env::get)).cos();

        assertNull(scope.exclusionReason("videos-1250000000", "incoming/a.mp4"));
    }

    @Test
    void mpsOutputInsideTheInputFilters_stopsTheStartNamingTheVariable() {
        Map<String, String> env = env();
        env.remove("AIGC_RESULTS");
        env.put("AIGC_SERVICE", "mps");
        env.put("AIGC_TASK_DEFAULTS", FunctionHarness.MPS_DEFAULTS);
        env.remove("AIGC_COS_OUTPUT_PREFIX");
        env.put("AIGC_MPS_OUTPUT", "cos://videos-1250000000.ap-guangzhou/aigc-output/");

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> FunctionConfig.from(new Settings(env::get)));

        assertEquals("AIGC_MPS_OUTPUT", e.variable());
    }
}
