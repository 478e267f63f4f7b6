package com.aigcaudio.config;

import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.function.FunctionConfig;
import com.aigcaudio.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Endpoints we send to are https: plain http only to a loopback test server, never with a password in the URL. */
class PlainHttpEndpointTest {
    private static FunctionConfig load(String name, String value) {
        Map<String, String> env = new HashMap<>();
        env.put("AIGC_STATE", "cos://state-1250000000.ap-guangzhou/");
        env.put("AIGC_RESULTS", "s3://results-bucket/soundtracks/?region=eu-west-1");
        env.put("AIGC_NOTIFY_SECRET", "webhook-secret-0123456789");
        env.put(name, value);
        return FunctionConfig.from(new Settings(env::get));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AIGC_ENDPOINT", "AIGC_COS_ENDPOINT", "AIGC_S3_ENDPOINT", "AIGC_NOTIFY_URL"})
    void plainHttpToAnotherHost_isRefusedAtStart_namingTheVariable(String name) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> load(name, "http://api.example.com/"));
        assertEquals(name, e.variable());
        assertTrue(e.getMessage().contains("must be https://"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AIGC_ENDPOINT", "AIGC_COS_ENDPOINT", "AIGC_S3_ENDPOINT", "AIGC_NOTIFY_URL"})
    void plainHttpToLoopback_startsWithOneWarningLine(String name) {
        try (LogCapture log = new LogCapture()) {
            load(name, "http://127.0.0.1:9000/");
            String text = log.text();
            assertEquals(1, text.lines().filter(line -> line.contains("plain-HTTP endpoint accepted")
                    && line.contains(name)).count(), text);
        }
    }

    @Test
    void https_startsWithoutAWord() {
        try (LogCapture log = new LogCapture()) {
            load("AIGC_ENDPOINT", "https://vod.tencentcloudapi.com/");
            assertFalse(log.text().contains("plain-HTTP"), log.text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AIGC_ENDPOINT", "AIGC_COS_ENDPOINT", "AIGC_S3_ENDPOINT", "AIGC_NOTIFY_URL"})
    void userInfo_isRefused_andNeverEchoed(String name) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> load(name, "https://admin:hunter2@api.example.com/"));
        assertEquals(name, e.variable());
        assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("admin"), e.getMessage());
        assertTrue(e.getMessage().contains("https://***@api.example.com/"), e.getMessage());
    }

    @Test
    void secretsManagerEndpoint_isReadTheSameWay() {
        Settings settings = new Settings(Map.of("AIGC_SECRETS_MANAGER_ENDPOINT", "http://10.0.0.5/")::get);
        assertThrows(ConfigurationException.class, () -> settings.httpUrl("AIGC_SECRETS_MANAGER_ENDPOINT"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "localhost", "[::1]"})
    void loopback_isRecognisedFromTheLiteral(String host) {
        assertTrue(Settings.isLoopback(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "127.0.0.1.example.com", "localhost.example.com", "128.0.0.1", "[::2]"})
    void otherHosts_areNotLoopback(String host) {
        assertFalse(Settings.isLoopback(host));
    }
}
