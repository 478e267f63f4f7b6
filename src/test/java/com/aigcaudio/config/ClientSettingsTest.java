package com.aigcaudio.config;

import com.aigcaudio.core.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientSettingsTest {
    private static Settings settings(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return new Settings(env::get);
    }

    @ParameterizedTest(name = "cap {0}, account {1} -> {2} per instance")
    @CsvSource({",,20", "4,,5", "3,,6", "20,,1", "2,10,5", "1,,20"})
    void perInstanceRate_derivedFromTheCap(String cap, String account, int expected) {
        Map<String, String> env = new HashMap<>();
        if (cap != null) {
            env.put("AIGC_MAX_CONCURRENCY", cap);
        }
        if (account != null) {
            env.put("AIGC_ACCOUNT_RATE_LIMIT", account);
        }
        assertEquals(expected, ClientSettings.from(new Settings(env::get)).requestsPerSecond());
    }

    @Test
    void perInstanceRate_capAboveTheAccountBudget_isRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ClientSettings.from(settings("AIGC_MAX_CONCURRENCY", "21")));
        assertTrue(e.getMessage().contains("AIGC_MAX_CONCURRENCY"), e.getMessage());
    }
}
