package com.aigcaudio.function;

import com.aigcaudio.idempotency.ObjectIdempotencyStore;
import com.aigcaudio.json.Json;
import com.aigcaudio.store.MemoryObjectStore;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.FunctionHarness;
import com.aigcaudio.trigger.InvalidEventException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed inputs across the triggers. Each must give a clear error naming the problem, make no API call, write
 * nothing to the idempotency store and never crash (no exception other than the documented InvalidEventException).
 */
class BadInputCorpusTest {
    private static final String TOKEN = "local-demo-token-0123456789";
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final MemoryObjectStore objects = new MemoryObjectStore();
    private final ObjectIdempotencyStore store = new ObjectIdempotencyStore(objects, "claims/", Clock.systemUTC());

    @AfterEach
    void stop() {
        vod.close();
    }

    private static Map<String, Object> s3Record(String key) {
        return Map.of("Records", List.of(Map.of("eventName", "ObjectCreated:Put", "awsRegion", "eu-west-1",
                "s3", Map.of("bucket", Map.of("name", "b"), "object", Map.of("key", key)))));
    }

    static Stream<Arguments> corpus() {
        List<Arguments> cases = new ArrayList<>();
        // HTTP bodies: {case, event, what the error must name}
        http(cases, "invalid JSON", "{\"Prompt\":", "\"field\":\"body\"");
        http(cases, "JSON array", "[1,2]", "\"field\":\"body\"");
        http(cases, "JSON string", "\"prompt\"", "\"field\":\"body\"");
        http(cases, "JSON number", "42", "\"field\":\"body\"");
        http(cases, "empty body", "", "\"field\":\"body\"");
        http(cases, "trailing garbage", "{\"Prompt\":\"p\"} x", "\"field\":\"body\"");
        http(cases, "nesting 100 deep", "[".repeat(100) + "]".repeat(100), "\"field\":\"body\"");
        http(cases, "Prompt as number", "{\"Prompt\":42}", "\"field\":\"Prompt\"");
        http(cases, "Prompt of 2001 characters", "{\"Prompt\":\"" + "a".repeat(2001) + "\"}",
                "at most 2000 characters");
        http(cases, "Prompt with NUL", "{\"Prompt\":\"a\\u0000b\"}", "control character U+0000");
        http(cases, "Prompt with escape char", "{\"Prompt\":\"a\\u001bb\"}", "control character U+001B");
        http(cases, "blank Prompt", "{\"Prompt\":\"   \"}", "\"field\":\"Prompt\"");
        http(cases, "no Prompt and no media", "{}", "required when no VideoInfos or AudioInfos");
        http(cases, "unknown parameter", "{\"Prompt\":\"p\",\"Tempo\":120}", "\"field\":\"Tempo\"");
        http(cases, "lower-case parameter name", "{\"prompt\":\"p\"}", "\"field\":\"prompt\"");
        http(cases, "VideoInfos not an array", "{\"Prompt\":\"p\",\"VideoInfos\":\"x\"}", "\"field\":\"VideoInfos\"");
        http(cases, "VideoInfos element not an object", "{\"VideoInfos\":[1]}", "\"field\":\"VideoInfos[0]\"");
        http(cases, "ftp video URL", "{\"VideoInfos\":[{\"Url\":\"ftp://h/v.mp4\"}]}",
                "\"field\":\"VideoInfos[0].Url\"");
        http(cases, "javascript audio URL", "{\"AudioInfos\":[{\"Url\":\"javascript:alert(1)\"}]}",
                "\"field\":\"AudioInfos[0].Url\"");
        http(cases, "file URL", "{\"AudioInfos\":[{\"Url\":\"file:///etc/passwd\"}]}",
                "\"field\":\"AudioInfos[0].Url\"");
        http(cases, "unknown media Type", "{\"VideoInfos\":[{\"Type\":\"Blob\",\"Url\":\"https://h/v\"}]}",
                "\"field\":\"VideoInfos[0].Type\"");
        http(cases, "OutputConfig not an object", "{\"Prompt\":\"p\",\"OutputConfig\":[]}",
                "\"field\":\"OutputConfig\"");
        http(cases, "Duration 61", "{\"Prompt\":\"p\",\"OutputConfig\":{\"Duration\":61}}",
                "\"field\":\"OutputConfig.Duration\"");
        http(cases, "Duration as text", "{\"Prompt\":\"p\",\"OutputConfig\":{\"Duration\":\"6\"}}",
                "\"field\":\"OutputConfig.Duration\"");
        http(cases, "Duration huge", "{\"Prompt\":\"p\",\"OutputConfig\":{\"Duration\":1e400}}",
                "\"field\":\"OutputConfig.Duration\"");
        http(cases, "format flac", "{\"Prompt\":\"p\",\"OutputConfig\":{\"OutputAudioFormat\":\"flac\"}}",
                "OutputConfig.OutputAudioFormat");
        http(cases, "MediaName of 65", "{\"Prompt\":\"p\",\"OutputConfig\":{\"MediaName\":\"" + "m".repeat(65)
                + "\"}}", "OutputConfig.MediaName");
        http(cases, "ExpireTime not ISO", "{\"Prompt\":\"p\",\"OutputConfig\":{\"ExpireTime\":\"tomorrow\"}}",
                "OutputConfig.ExpireTime");
        http(cases, "AdditionalParameters an array", "{\"Prompt\":\"p\",\"AdditionalParameters\":\"[1]\"}",
                "\"field\":\"AdditionalParameters\"");
        http(cases, "SubAppId override", "{\"Prompt\":\"p\",\"SubAppId\":1}", "\"field\":\"SubAppId\"");
        http(cases, "duplicate key", "{\"Prompt\":\"a\",\"Prompt\":\"b\"}", "\"field\":\"Prompt\"");
        http(cases, "duplicate nested key", "{\"OutputConfig\":{\"Duration\":5,\"Duration\":6}}",
                "\"field\":\"Duration\"");
        http(cases, "unexpected character", "{\"Prompt\":'p'}", "unexpected character");
        http(cases, "StorageMode from a caller", "{\"Prompt\":\"p\",\"OutputConfig\":{\"StorageMode\":\"Permanent\"}}",
                "\"field\":\"OutputConfig.StorageMode\"");
        http(cases, "ClassId from a caller", "{\"Prompt\":\"p\",\"OutputConfig\":{\"ClassId\":3}}",
                "\"field\":\"OutputConfig.ClassId\"");
        http(cases, "VOD File reference from a caller", "{\"VideoInfos\":[{\"Type\":\"File\",\"FileId\":\"528\"}]}",
                "\"field\":\"VideoInfos[0].FileId\"");
        for (String[] url : new String[][]{{"loopback", "http://127.0.0.1/v.mp4"}, {"short loopback",
                "http://127.1/v.mp4"},
                {"decimal loopback", "http://2130706433/v.mp4"}, {"hex loopback", "http://0x7f000001/v.mp4"},
                {"octal loopback", "http://0177.0.0.1/v.mp4"}, {"localhost", "https://localhost:8080/v.mp4"},
                {"localhost with dot", "https://LOCALHOST./v.mp4"}, {"metadata",
                        "http://169.254.169.254/latest/meta-data"},
                {"private 10", "https://10.1.2.3/v.mp4"}, {"private 172", "https://172.20.0.1/v.mp4"},
                {"private 192", "https://192.168.1.1/v.mp4"}, {"unspecified", "http://0.0.0.0/v.mp4"},
                {"IPv6 loopback", "http://[::1]/v.mp4"}, {"IPv4-mapped IPv6", "http://[::ffff:127.0.0.1]/v.mp4"},
                {"IPv6 unique local", "http://[fd00::1]/v.mp4"}, {"IPv6 link-local", "http://[fe80::1]/v.mp4"},
                {"userinfo", "https://good.example@evil.example/v.mp4"}, {"empty userinfo",
                        "https://@evil.example/v.mp4"}}) {
            http(cases, "media URL: " + url[0], "{\"Prompt\":\"p\",\"VideoInfos\":[{\"Url\":\"" + url[1] + "\"}]}",
                    "\"field\":\"VideoInfos[0].Url\"");
        }
        http(cases, "huge body", "{\"Prompt\":\"" + "x".repeat(70_000) + "\"}", "\"statusCode\":413");
        cases.add(Arguments.of("Base64 flag on plain text", httpEvent("{not base64}", true, Map.of()), "Base64"));
        cases.add(Arguments.of("Base64 with a line break", httpEvent("e30=\r\n", true, Map.of()), "Base64"));
        cases.add(Arguments.of("Base64 with a stray character", httpEvent("e3*0=", true, Map.of()), "Base64"));
        cases.add(Arguments.of("form-encoded body", httpEvent("{\"Prompt\":\"p\"}", false,
                Map.of("Content-Type", "application/x-www-form-urlencoded")), "\"statusCode\":415"));
        cases.add(Arguments.of("no Content-Type", httpEvent("{\"Prompt\":\"p\"}", false,
                Map.of("Content-Type", "")), "\"statusCode\":415"));
        cases.add(Arguments.of("headers not an object", Map.of("httpMethod", "POST", "path", "/tasks",
                "headers", "Authorization: x", "body", "{}"), "headers is not an object"));
        cases.add(Arguments.of("Idempotency-Key with spaces", httpEvent("{\"Prompt\":\"p\"}", false,
                Map.of("Idempotency-Key", "a b")), "\"field\":\"Idempotency-Key\""));
        // Event shapes
        cases.add(Arguments.of("empty object", Map.of(), "unrecognised event"));
        cases.add(Arguments.of("empty Records", Map.of("Records", List.of()), "Records is empty"));
        cases.add(Arguments.of("Records not an array", Map.of("Records", "x"), "Records is not an array"));
        cases.add(Arguments.of("S3 record without bucket", Map.of("Records", List.of(Map.of("s3", Map.of()))),
                "Records[0].s3.bucket is missing"));
        cases.add(Arguments.of("record neither COS nor S3", Map.of("Records", List.of(Map.of("sns", Map.of()))),
                "no cos or s3 object"));
        cases.add(Arguments.of("S3 key with a lone %", s3Record("clip%2.mp4"),
                "Records[0].s3.object.key has a malformed %-escape"));
        cases.add(Arguments.of("S3 key not UTF-8", s3Record("clip%FF.mp4"),
                "Records[0].s3.object.key does not decode to UTF-8"));
        cases.add(Arguments.of("S3 eventTime not a time", Map.of("Records", List.of(Map.of("eventName",
                "ObjectCreated:Put",
                "eventTime", "yesterday", "awsRegion", "eu-west-1", "s3", Map.of("bucket", Map.of("name", "b"),
                        "object", Map.of("key", "a.mp4"))))), "Records[0].eventTime is not an ISO-8601 time"));
        cases.add(Arguments.of("HTTP API method not a string", Map.of("rawPath", "/tasks", "requestContext",
                Map.of("http", Map.of("method", 5))), "requestContext.http.method is not a string"));
        cases.add(Arguments.of("httpMethod not a string", Map.of("httpMethod", 5), "unrecognised event"));
        // COS records
        cases.add(Arguments.of("COS record without key", cos(o -> o.remove("key")),
                "Records[0].cos.cosObject.key is missing"));
        cases.add(Arguments.of("COS key naming only the bucket", cos(o -> o.put("key", "/1250000000/videos/")),
                "names no object"));
        cases.add(Arguments.of("COS size not a number", cos(o -> o.put("size", "big")), "size is not a number"));
        cases.add(Arguments.of("COS record without region, presigned URL", cosBucket(b -> {
            b.remove("cosRegion");
            b.remove("region");
        }), "cosRegion"));
        cases.add(Arguments.of("COS prompt metadata too long", cos(o -> ((Map<String, Object>) o.get("meta"))
                .put("x-cos-meta-aigc-prompt", "p".repeat(2001))), "at most 2000 characters"));
        // Timer messages
        cases.add(Arguments.of("timer message broken JSON", timer("{\"Prompt\": oops}"), "\"field\":\"Message\""));
        cases.add(Arguments.of("timer message unknown parameter", timer("{\"Beat\":1}"), "\"field\":\"Beat\""));
        cases.add(Arguments.of("timer prompt too long", timer("t".repeat(2001)), "at most 2000 characters"));
        return cases.stream();
    }

    private static void http(List<Arguments> cases, String name, String body, String expected) {
        cases.add(Arguments.of(name, httpEvent(body, false, Map.of()), expected));
    }

    private static Map<String, Object> httpEvent(String body, boolean base64, Map<String, Object> extraHeaders) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + TOKEN);
        headers.put("Content-Type", "application/json");
        headers.putAll(extraHeaders);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", "POST");
        event.put("path", "/tasks");
        event.put("headers", headers);
        event.put("body", body);
        event.put("isBase64Encoded", base64);
        event.put("requestContext", Map.of("requestId", "r"));
        return event;
    }

    private static Map<String, Object> cos(Consumer<Map<String, Object>> breakObject) {
        return cosPart("cosObject", breakObject);
    }

    private static Map<String, Object> cosBucket(Consumer<Map<String, Object>> breakBucket) {
        return cosPart("cosBucket", breakBucket);
    }

    /** The upload fixture with one part of its record's {@code cos} object broken. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> cosPart(String part, Consumer<Map<String, Object>> breakPart) {
        Map<String, Object> event = FunctionHarness.load(Path.of("events/cos-video-upload.json"));
        Map<String, Object> record = ((List<Map<String, Object>>) event.get("Records")).get(0);
        breakPart.accept((Map<String, Object>) ((Map<String, Object>) record.get("cos")).get(part));
        return event;
    }

    private static Map<String, Object> timer(String message) {
        return Map.of("Type", "Timer", "TriggerName", "t", "Time", "2026-11-23T01:00:00Z", "Message", message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void invoke_badInput_clearErrorNoCallNothingStored(String name, Map<String, Object> event, String expected) {
        FunctionHarness harness = new FunctionHarness(FunctionHarness.fixtureEnv(vod), objects);
        String answer;
        try {
            FunctionHarness.Outcome outcome = harness.invoke(event);
            answer = Json.toString(outcome.result);
            if (answer.contains("\"body\":")) {
                answer = answer + new String(Json.toBytes(Json.parse((String) outcome.result.get("body"))),
                        StandardCharsets.UTF_8);
            }
            assertFalse(answer.contains("\"status\":\"created\"") || answer.contains("\"statusCode\":202"), answer);
        } catch (InvalidEventException e) {
            answer = e.getMessage();
        }
        assertTrue(answer.contains(expected), name + ": expected «" + expected + "» in " + cut(answer));
        assertFalse(answer.contains("Exception") || answer.contains("\tat "), "no stack trace: " + cut(answer));
        assertFalse(answer.toLowerCase(Locale.ROOT).contains("jackson") || answer.contains("StreamReadConstraints")
                || answer.contains("()"), "no library names: " + cut(answer));
        assertEquals(0, vod.requests().size(), "no API call");
        assertEquals(List.of(), objects.list("", com.aigcaudio.core.Deadline.after(Clock.systemUTC(),
                Duration.ofSeconds(5))), "nothing stored");
    }

    /** Keeps assertion messages short for the huge-body case. */
    private static String cut(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
