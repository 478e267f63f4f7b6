package com.aigcaudio.trigger.http;

import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.FunctionHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET / serves the page: public, strict CSP matching its inline script and style exactly, cacheable by ETag. */
class TryPageTest {
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final Map<String, String> env = FunctionHarness.fixtureEnv(vod);

    @AfterEach
    void stop() {
        assertEquals(0, vod.requests().size(), "serving the page calls nothing");
        vod.close();
    }

    private Map<String, Object> get(String path, Map<String, Object> headers) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", "GET");
        event.put("path", path);
        event.put("headers", headers);
        return new FunctionHarness(env).invoke(event).result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> headers(Map<String, Object> response) {
        return (Map<String, Object>) response.get("headers");
    }

    private static String sha256(String text) throws Exception {
        return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String element(String html, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), tag);
        return m.group(1);
    }

    @Test
    void get_root_servesThePageWithoutTheTokenUnderAStrictPolicy() throws Exception {
        Map<String, Object> response = get("/", Map.of());
        assertEquals(200, response.get("statusCode"));
        Map<String, Object> headers = headers(response);
        assertEquals("text/html; charset=utf-8", headers.get("Content-Type"));
        assertEquals("nosniff", headers.get("X-Content-Type-Options"));
        String html = (String) response.get("body");
        String csp = (String) headers.get("Content-Security-Policy");
        assertTrue(csp.startsWith("default-src 'none'; "), csp);
        assertTrue(csp.contains("script-src '" + sha256(element(html, "script")) + "';"), csp);
        assertTrue(csp.contains("style-src '" + sha256(element(html, "style")) + "';"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"));
        assertFalse(html.contains(" on") && Pattern.compile("\\son[a-z]+=").matcher(html).find(), "no inline handlers");
        assertFalse(html.contains("http://") || html.contains("//cdn"), "no external resources");
        assertTrue(html.contains("<meta name=\"aigc-api\" content=\"tasks\">"), "the route, relative to the page");
        assertTrue(html.contains("<meta name=\"aigc-auth\" content=\"token\">"));
        assertTrue(html.contains("<meta name=\"aigc-model\" content=\"MiniMaxMusic\">"), "defaults pre-filled");
        assertTrue(html.getBytes(StandardCharsets.UTF_8).length < 16_384, "a few KB");
        assertFalse(html.contains("local-demo-token"), "the token never goes into the page");
    }

    @Test
    void get_withItsEtag_is304WithoutABody() {
        String etag = (String) headers(get("/", Map.of())).get("ETag");
        assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
        assertEquals("no-cache", headers(get("/", Map.of())).get("Cache-Control"));

        Map<String, Object> again = get("/", Map.of("If-None-Match", etag));
        assertEquals(304, again.get("statusCode"));
        assertEquals("", again.get("body"));
        assertEquals(200, get("/", Map.of("If-None-Match", "\"other\"")).get("statusCode"));
    }

    @ParameterizedTest
    @CsvSource({"/release/", "/release", "/"})
    void get_rootOrAGatewayStage_isThePage(String path) {
        assertEquals("text/html; charset=utf-8", headers(get(path, Map.of())).get("Content-Type"), path);
    }

    @Test
    void get_otherPaths_areNotThePage() {
        assertEquals(401, get("/tasks", Map.of()).get("statusCode"), "the API still needs the token");
        assertEquals(401, get("/a/b/", Map.of()).get("statusCode"));
        assertEquals(401, get("/favicon.ico", Map.of()).get("statusCode"), "a file name is no stage");
        env.remove("AIGC_HTTP_TOKEN");
        assertEquals(404, get("/a/b/", Map.of()).get("statusCode"));
        assertTrue(((String) get("/", Map.of()).get("body")).contains("<meta name=\"aigc-auth\" content=\"none\">"));
    }

    @Test
    void get_injectedValues_areEscaped() {
        env.put("AIGC_TASK_DEFAULTS", "{\"ModelName\":\"Mini\\\"><script>alert(1)</script>\"}");
        String html = (String) get("/", Map.of()).get("body");
        assertFalse(html.contains("<script>alert(1)"), "escaped");
        assertTrue(html.contains("Mini&quot;&gt;&lt;script&gt;"));
    }
}
