package com.aigcaudio.log;

import com.aigcaudio.json.Json;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.FunctionHarness;
import com.aigcaudio.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.aigcaudio.testing.FakeTencentCloud.json;
import static com.aigcaudio.testing.FakeTencentCloud.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StructuredLogsTest {
    private static final String TOKEN = "local-demo-token-0123456789";
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final Map<String, String> env = FunctionHarness.fixtureEnv(vod);

    @AfterEach
    void stop() {
        vod.close();
    }

    private static List<Map<String, Object>> lines(String text) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(Json.parseObject(line));
            }
        }
        return lines;
    }

    private static Map<String, Object> line(List<Map<String, Object>> lines, String message) {
        return lines.stream().filter(l -> message.equals(l.get("message"))).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + message + "' in " + lines));
    }

    @Test
    void cosInvocation_logsOneJsonObjectPerLineWithDocumentedFields() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success("task-log", "req-log"))));
        try (LogCapture logs = new LogCapture()) {
            new FunctionHarness(env).invoke(FunctionHarness.load(Path.of("events/cos-video-upload.json")));

            List<Map<String, Object>> lines = lines(logs.text());
            Map<String, Object> created = line(lines, "task created");
            for (String field : new String[] {"timestamp", "level", "message", "function_request_id", "cold_start",
                    "trigger", "idempotency_key", "task_id", "request_id", "duration_ms"}) {
                assertNotNull(created.get(field), field + " in " + created);
            }
            assertEquals("cos", created.get("trigger"));
            assertEquals("fixture-request", created.get("function_request_id"));
            assertEquals("task-log", created.get("task_id"));
            assertTrue(((String) created.get("idempotency_key")).matches("[0-9a-f]{64}"), "a hash, not the key");
            assertNotNull(line(lines, "invocation done").get("duration_ms"));
        }
    }

    @Test
    void failure_logsErrorCode() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(FakeTencentCloud.error("FailedOperation", "no",
                "r-f"))));
        try (LogCapture logs = new LogCapture()) {
            new FunctionHarness(env).invoke(FunctionHarness.load(Path.of("events/cos-video-upload.json")));
            Map<String, Object> failed = line(lines(logs.text()), "task not created");
            assertEquals("FailedOperation", failed.get("error_code"));
            assertEquals("r-f", failed.get("request_id"));
            assertEquals("WARN", failed.get("level"));
        }
    }

    @Test
    void eventLogging_isOffByDefault_andRedactsSecretsWhenOn() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success("t", "r"))));
        Map<String, Object> event = FunctionHarness.load(Path.of("events/apigw-post.json"));
        try (LogCapture logs = new LogCapture()) {
            new FunctionHarness(env).invoke(event);
            assertFalse(logs.text().contains("event received"));
        }
        env.put("AIGC_LOG_EVENTS", "true");
        try (LogCapture logs = new LogCapture()) {
            new FunctionHarness(env).invoke(event);
            String text = logs.text();
            assertTrue(text.contains("event received"));
            assertTrue(text.contains("Upbeat ukulele"), "the body is logged when opted in");
            assertFalse(text.contains(TOKEN), "the bearer token never is");
            assertFalse(text.contains(FakeTencentCloud.SECRET_KEY));
        }
    }

    @Test
    void debugPromptLine_truncatesPrompt() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success("t", "r"))));
        String prompt = "long prompt " + "z".repeat(500);
        try (LogCapture logs = new LogCapture()) {
            new FunctionHarness(env).invoke(Map.of("Type", "Timer", "TriggerName", "t", "Time", "2026-11-23T01:00:00Z",
                    "Message", prompt));
            String logged = (String) line(lines(logs.text()), "task planned").get("prompt");
            assertTrue(logged.length() < 120, logged);
            assertTrue(logged.startsWith("long prompt zzz"));
        }
    }

    @Test
    void redact_blanksSecretNamedFieldsAtAnyDepth() {
        Object redacted = new Redaction(List.of()).redact(Map.of("headers", Map.of("AUTHORIZATION", "Bearer x",
                "accept", "*/*"),
                "requestContext", Map.of("identity", Map.of("secretId", "AKIDx"))));
        String text = Json.toString(redacted);
        assertFalse(text.contains("Bearer x"));
        assertFalse(text.contains("AKIDx"));
        assertTrue(text.contains("*/*"));
    }

    @Test
    void logEvents_tokenInQueryAndHeaders_neverReachesTheLog() {
        env.put("AIGC_LOG_EVENTS", "true");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", "POST");
        event.put("path", "/tasks?access_token=" + TOKEN);
        event.put("queryString", Map.of("access_token", TOKEN, "sig", "x"));
        event.put("headers", Map.of("X-Api-Key", "key-secret-1", "X-Forwarded-Note", TOKEN));
        event.put("body", "{}");
        try (LogCapture logs = new LogCapture()) {
            new FunctionHarness(env).invoke(event);

            String text = logs.text();
            assertTrue(text.contains("event received"), text);
            assertFalse(text.contains(TOKEN), text);
            assertFalse(text.contains("key-secret-1"), text);
        }
    }
}
