package com.aigcaudio.config;

import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.core.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the HTTP trigger's variables accept, and what they refuse at start because it could never work. */
class HttpSettingsTest {
    private static HttpSettings read(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return HttpSettings.from(new Settings(env::get), Service.VOD);
    }

    private static ConfigurationException refused(String... pairs) {
        return assertThrows(ConfigurationException.class, () -> read(pairs));
    }

    @ParameterizedTest
    @ValueSource(strings = {"                    ", "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t", "a token with spaces in it",
            "jeton-secret-très-long-123", "tab\tinside-the-token-1234"})
    void tokenThatIsBlankOrNotPrintableAscii_stopsTheStart(String token) {
        ConfigurationException e = refused("AIGC_HTTP_TOKEN", token);

        assertEquals("AIGC_HTTP_TOKEN", e.variable());
        assertTrue(e.getMessage().contains("printable ASCII"), e.getMessage());
    }

    @Test
    void shortToken_stopsTheStart_aGoodOneIsKeptExactly() {
        assertEquals("AIGC_HTTP_TOKEN", refused("AIGC_HTTP_TOKEN", "short").variable());
        assertEquals("0123456789abcdef!#$%", read("AIGC_HTTP_TOKEN", "0123456789abcdef!#$%").token());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://Studio.Example.com", "https://studio.example.com:443", "http://localhost:80",
            "https://studio.example.com/", "https://studio.example.com/app", "studio.example.com",
            "ftp://studio.example.com"})
    void corsOriginsABrowserNeverSends_stopTheStart(String origin) {
        ConfigurationException e = refused("AIGC_HTTP_CORS_ORIGINS", origin);

        assertEquals("AIGC_HTTP_CORS_ORIGINS", e.variable());
        assertTrue(e.getMessage().contains(origin), e.getMessage());
    }

    @Test
    void corsOrigin_hintsTheSpellingABrowserSends() {
        assertTrue(refused("AIGC_HTTP_CORS_ORIGINS", "https://Studio.Example.com").getMessage()
                .contains("https://studio.example.com"));
        assertTrue(refused("AIGC_HTTP_CORS_ORIGINS", "https://studio.example.com:443").getMessage()
                .contains("write https://studio.example.com"));
    }

    @Test
    void corsOriginsInTheBrowsersForm_areAccepted() {
        assertEquals(List.of("https://studio.example.com", "http://localhost:5173", "*"),
                read("AIGC_HTTP_CORS_ORIGINS", "https://studio.example.com, http://localhost:5173, *").corsOrigins());
    }

    @Test
    void anyOriginNextToAToken_stopsTheStart() {
        ConfigurationException e = refused("AIGC_HTTP_TOKEN", "0123456789abcdef0123", "AIGC_HTTP_CORS_ORIGINS", "*");

        assertEquals("AIGC_HTTP_CORS_ORIGINS", e.variable());
    }
}
