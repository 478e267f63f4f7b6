package com.aigcaudio.config;

import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.function.FunctionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Locations and endpoints are checked whole at start, never echoing a password, each message with an example. */
class LocationsCheckedWholeTest {
    private static FunctionConfig load(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("AIGC_STATE", "memory:");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return FunctionConfig.from(Settings.of(env));
    }

    @ParameterizedTest
    @CsvSource({
            "AIGC_STATE, cos://admin:hunter2@state-1250000000.ap-guangzhou/",
            "AIGC_RESULTS, s3://admin:hunter2@results-bucket/x/",
            "AIGC_STATE, file://admin:hunter2@host/srv/state",
    })
    void aPasswordInALocation_isRefused_andNeverShown(String name, String value) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(name, value));
        assertEquals(name, e.variable());
        assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("admin"), e.getMessage());
        assertTrue(e.getMessage().contains("***@"), e.getMessage());
    }

    @Test
    void aMalformedLocation_isShownWithoutItsPassword() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> load("AIGC_STATE", "ftp://admin:hunter2@somewhere/"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "AIGC_COS_ENDPOINT, https://{bucket}.cos.ap-guangzhou.myqcloud.com/prefix/, cos-internal",
            "AIGC_COS_ENDPOINT, https://{bucket}.cos.ap-guangzhou.myqcloud.com/?x=1, cos-internal",
            "AIGC_ENDPOINT, https://vod.tencentcloudapi.com/v1, tencentcloudapi.com",
    })
    void anEndpointWithAPathOrQuery_isRefused_withAnExample(String name, String value, String example) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> load(name, value, "AIGC_STATE", "cos://state-1250000000.ap-guangzhou/"));
        assertEquals(name, e.variable());
        assertTrue(e.getMessage().contains("without a path") && e.getMessage().contains(example), e.getMessage());
    }

    @Test
    void anEndpointWithAPathOfSlashAlone_isTheEndpoint() {
        assertEquals("https://vod.tencentcloudapi.com/", load("AIGC_ENDPOINT", "https://vod.tencentcloudapi.com")
                .client().endpoint().toString());
    }

    @Test
    void aFileLocationThatIsARegularFile_isRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("state"), "not a directory");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load("AIGC_STATE", "file:" + file));
        assertEquals("AIGC_STATE", e.variable());
        assertTrue(e.getMessage().contains("is a file, not a directory"), e.getMessage());
    }

    @Test
    void aFileLocationThatIsAbsent_isCreatedAtStart(@TempDir Path dir) {
        Path state = dir.resolve("a/b/state");
        assertEquals(state, load("AIGC_STATE", "file:" + state).state().location().dir());
        assertTrue(Files.isDirectory(state));
    }

    @Test
    void aFileUriWithAHost_isRefusedRatherThanDroppingIt() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> load("AIGC_STATE", "file://x/abs/state"));
        assertTrue(e.getMessage().contains("names a host") && e.getMessage().contains("file:/abs/state"),
                e.getMessage());
    }

    @Test
    void aFileUriWithThreeSlashes_isTheAbsolutePath(@TempDir Path dir) {
        Path state = dir.resolve("s");
        assertEquals(state, load("AIGC_STATE", "file://" + state).state().location().dir());
    }
}
