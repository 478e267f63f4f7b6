package com.aigcaudio.config;

import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.function.FunctionBuilder;
import com.aigcaudio.function.FunctionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A name that is set and not registered stops the start, with the closest registered name; state is shared. */
class UnregisteredVariablesTest {
    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("AIGC_STATE", "cos://state-1250000000.ap-guangzhou/aigc/");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @ParameterizedTest
    @CsvSource({
            "AIGC_MAX_TASKS_PER_DAYS, AIGC_MAX_TASKS_PER_DAY",
            "AIGC_STAT, AIGC_STATE",
            "AIGC_PROMT, AIGC_PROMPT",
            "AIGC_HTTP_TOKENS, AIGC_HTTP_TOKEN",
            "AIGC_NOTIFY_SECRT, AIGC_NOTIFY_SECRET",
    })
    void misspeltName_stopsTheStart_namingItAndTheClosestRegisteredName(String typo, String meant) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> FunctionConfig.from(Settings.of(env(typo, "1"))));
        assertEquals(typo, e.variable());
        assertTrue(e.getMessage().contains("did you mean " + meant + "?"), e.getMessage());
    }

    @Test
    void misspeltName_setButEmpty_isRefusedToo() {
        assertThrows(ConfigurationException.class, () -> FunctionConfig.from(Settings.of(env("AIGC_DRYRUN", ""))));
    }

    @Test
    void misspeltName_startsNoConnectionWarmUp() {
        assertNull(FunctionBuilder.warmUpEarly(Settings.of(env("AIGC_MAX_TASKS_PER_DAYS", "1",
                "AIGC_ENDPOINT", "https://127.0.0.1:9/"))));
    }

    @Test
    void otherNames_areNotOurs_andPass() {
        FunctionConfig.from(Settings.of(env("PATH", "/usr/bin", "AIGCX_OTHER", "1", "TENCENTCLOUD_REGION",
                "ap-guangzhou")));
    }

    @Test
    void aNameOfAnEarlierVersion_namesItsReplacement() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> FunctionConfig.from(Settings.of(env("AIGC_IDEMPOTENCY_STORE", "cos"))));
        assertTrue(e.getMessage().contains("AIGC_STATE"), e.getMessage());
    }

    @Test
    void valuesLayeredOnTop_keepEveryNameListed() {
        Settings local = Settings.of(env("AIGC_STAT", "cos://x")).withValues(Map.of("AIGC_ENDPOINT", "https://a/"))
                .withDefaults(Map.of("AIGC_TRACKER_FIRST_CHECK_MS", "1000"));
        assertThrows(ConfigurationException.class, () -> FunctionConfig.local(local, null));
        assertEquals("https://a/", local.string("AIGC_ENDPOINT"));
        assertEquals("1000", local.string("AIGC_TRACKER_FIRST_CHECK_MS"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory:", "file:/tmp/aigc-state"})
    void platformStart_perInstanceState_isRefusedNamingAigcState(String state) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> FunctionConfig.platform(Settings.of(env("AIGC_STATE", state))));
        assertEquals("AIGC_STATE", e.variable());
        assertTrue(e.getMessage().contains("two paid tasks"), e.getMessage());
    }

    @Test
    void platformStart_bucketState_starts() {
        assertTrue(FunctionConfig.platform(Settings.of(env())).state().location().isBucket());
    }
}
