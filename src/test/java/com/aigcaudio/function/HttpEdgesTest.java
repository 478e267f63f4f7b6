package com.aigcaudio.function;

import com.aigcaudio.json.Json;
import com.aigcaudio.testing.FakeCos;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.FunctionHarness;
import com.aigcaudio.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.aigcaudio.testing.FakeTencentCloud.json;
import static com.aigcaudio.testing.FakeTencentCloud.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP trigger's edges: odd task ids, HEAD, bytes that are not UTF-8, hostile paths, the token in a prompt. */
class HttpEdgesTest {
    private static final String TOKEN = "local-demo-token-0123456789";
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final Map<String, String> env = FunctionHarness.fixtureEnv(vod);
    private FakeCos cos;
    @TempDir
    Path localDir;

    @AfterEach
    void tearDown() {
        vod.assertAllSignedAndClose();
        if (cos != null) {
            cos.assertAllSignedAndClose();
        }
    }

    private Map<String, Object> call(String method, String path, String body, boolean base64) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", method);
        event.put("path", path);
        event.put("headers", Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"));
        event.put("body", body);
        event.put("isBase64Encoded", base64);
        return new FunctionHarness(env).invoke(event).result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> errorOf(Map<String, Object> response) {
        return (Map<String, Object>) ((Map<String, Object>) Json.parse((String) response.get("body"))).get("error");
    }

    @SuppressWarnings("unchecked")
    private static String header(Map<String, Object> response, String name) {
        return (String) ((Map<String, Object>) response.get("headers")).get(name);
    }

    private void useStore(String kind) {
        env.put("AIGC_STATE", kind + ":");
        if (kind.equals("local")) {
            env.put("AIGC_STATE", "file:" + localDir.toString());
        } else if (kind.equals("cos")) {
            cos = new FakeCos();
            env.put("AIGC_STATE", "cos://state-1250000000.ap-guangzhou/");
            env.put("AIGC_RESULTS", "none");
            env.put("AIGC_COS_ENDPOINT", cos.endpoint().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos"})
    void overLongOrOddTaskIds_are404_onEveryStore(String store) {
        useStore(store);
        for (String id : new String[] {"a".repeat(129), "a".repeat(256), ".hidden", "x".repeat(300) + ".json"}) {
            Map<String, Object> response = call("GET", "/tasks/" + id, null, false);
            assertEquals(404, response.get("statusCode"), id.length() + " characters: " + response);
            assertEquals("NotFound", errorOf(response).get("code"));
        }
        assertEquals(404, call("GET", "/tasks/251441341-AigcAudioTask-unknown", null, false).get("statusCode"));
    }

    @Test
    void head_answersLikeGetWithoutABody() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success("task-head", "r"))));
        vod.stub(vod.action("DescribeTaskDetail").willReturn(json("{\"Response\":{\"Status\":\"PROCESSING\","
                + "\"AigcAudioTask\":{\"Progress\":10},\"RequestId\":\"d\"}}")));
        env.put("AIGC_STATE", "file:" + localDir.toString());
        assertEquals(202, call("POST", "/tasks", "{\"Prompt\":\"rain\"}", false).get("statusCode"));

        Map<String, Object> get = call("GET", "/tasks/task-head", null, false);
        Map<String, Object> head = call("HEAD", "/tasks/task-head", null, false);

        assertEquals(200, get.get("statusCode"));
        assertEquals(200, head.get("statusCode"));
        assertEquals("", head.get("body"));
        assertEquals(header(get, "Content-Type"), header(head, "Content-Type"));
        assertEquals(404, call("HEAD", "/tasks/nothing-here", null, false).get("statusCode"));
        assertEquals("GET, HEAD", header(call("DELETE", "/tasks/task-head", null, false), "Allow"));
    }

    @Test
    void bodyThatIsNotUtf8_is400NamingTheBody_noTask() {
        byte[] bytes = "{\"Prompt\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        Map<String, Object> response = call("POST", "/tasks", Base64.getEncoder().encodeToString(bytes), true);

        assertEquals(400, response.get("statusCode"));
        assertEquals("InvalidJson", errorOf(response).get("code"));
        assertEquals("body", errorOf(response).get("field"));
        assertTrue(((String) errorOf(response).get("message")).contains("UTF-8"));
        assertEquals(0, vod.requests().size());
    }

    @Test
    void location_isBuiltFromTheRoute_neverFromTheRawPath() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success("task-loc", "r"))));

        assertEquals("/tasks/task-loc", header(call("POST", "//evil.example/tasks", "{\"Prompt\":\"a\"}", false),
                "Location"));
        assertEquals("/release/tasks/task-loc", header(call("POST", "/release/tasks", "{\"Prompt\":\"a\"}", false),
                "Location"), "a gateway stage is kept");
        assertEquals("/tasks/task-loc", header(call("POST", "/a.b/tasks", "{\"Prompt\":\"a\"}", false), "Location"));
    }

    @Test
    void theTokenInsideAPrompt_isRedactedInEveryLogLine_evenAtDebug() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success("task-log", "r"))));
        env.put("AIGC_LOG_EVENTS", "true");
        try (LogCapture logs = new LogCapture()) {
            call("POST", "/tasks", "{\"Prompt\":\"drums " + TOKEN + " and bass\"}", false);

            assertTrue(logs.text().contains("task planned"), "DEBUG lines were written");
            assertFalse(logs.text().contains(TOKEN), logs.text());
            assertTrue(logs.text().contains("drums <redacted> and bass"), logs.text());
        }
    }
}
