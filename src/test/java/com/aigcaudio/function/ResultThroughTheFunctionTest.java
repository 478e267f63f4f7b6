package com.aigcaudio.function;

import com.aigcaudio.json.Json;
import com.aigcaudio.store.LocalObjectStore;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.FunctionHarness;
import com.aigcaudio.testing.LocalHttp;
import com.aigcaudio.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.aigcaudio.testing.FakeTencentCloud.json;
import static com.aigcaudio.testing.FakeTencentCloud.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /tasks/{id}/result}: the soundtrack served by the function itself, so a caller never needs a presigned
 * URL (which carries the role's session token); only once done, only from this function's result store.
 */
class ResultThroughTheFunctionTest {
    private static final String TASK = "251441341-AigcAudioTask-served";
    private static final String TOKEN = "local-demo-token-0123456789";
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final LocalHttp files = new LocalHttp();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final Map<String, String> env = FunctionHarness.fixtureEnv(vod);
    private final byte[] mp3 = "ID3 soundtrack bytes".getBytes(StandardCharsets.UTF_8);
    @TempDir
    Path dir;

    ResultThroughTheFunctionTest() throws Exception {
        files.file("/r/a.mp3", 200, "audio/mpeg", mp3);
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success(TASK, "c"))));
        env.put("AIGC_TRACKER_FIRST_CHECK_MS", "100");
    }

    @AfterEach
    void tearDown() {
        try {
            vod.assertAllSignedAndClose();
        } finally {
            files.close();
        }
    }

    private FunctionHarness.Outcome run(Map<String, Object> event) {
        env.put("AIGC_STATE", "file:" + dir.toString());
        return new FunctionHarness(env, clock).invoke(event);
    }

    private Map<String, Object> get(String path, String token) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", "GET");
        event.put("path", path);
        event.put("headers", Map.of("Authorization", "Bearer " + token));
        return run(event).result;
    }

    @SuppressWarnings("unchecked")
    private static String code(Map<String, Object> response) {
        return (String) ((Map<String, Object>) ((Map<String, Object>) Json.parse((String) response.get("body")))
                .get("error")).get("code");
    }

    @Test
    void doneTask_isServedAsItsBytes_withoutAnyUrl() {
        vod.stub(vod.action("DescribeTaskDetail").willReturn(json(FakeTencentCloud.finished(files.url("/r/a.mp3")))));
        run(FunctionHarness.load(Path.of("events/cos-video-upload.json")));
        clock.advance(Duration.ofSeconds(1));
        run(FunctionHarness.load(Path.of("events/timer-tracker.json")));

        Map<String, Object> response = get("/tasks/" + TASK + "/result", TOKEN);

        assertEquals(200, response.get("statusCode"));
        assertEquals(Boolean.TRUE, response.get("isBase64Encoded"));
        assertEquals("audio/mpeg", ((Map<?, ?>) response.get("headers")).get("Content-Type"));
        assertEquals(new String(mp3, StandardCharsets.UTF_8),
                new String(Base64.getDecoder().decode((String) response.get("body")), StandardCharsets.UTF_8));
        assertFalse(String.valueOf(response.get("headers")).contains("x-cos-security-token"));
        assertEquals(200, get("/release/tasks/" + TASK + "/result", TOKEN).get("statusCode"), "behind a stage too");
    }

    private Map<String, Object> request(String method, String path) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", method);
        event.put("path", path);
        event.put("headers", Map.of("Authorization", "Bearer " + TOKEN));
        return run(event).result;
    }

    /** The size is known before a byte is read: a 95 MB soundtrack never enters memory to be refused. */
    @Test
    void soundtrackOverWhatAnAnswerCarries_is413_withoutReadingIt_andHeadAnswersLikeGet() throws Exception {
        vod.stub(vod.action("DescribeTaskDetail").willReturn(json(FakeTencentCloud.finished(files.url("/r/a.mp3")))));
        run(FunctionHarness.load(Path.of("events/cos-video-upload.json")));
        clock.advance(Duration.ofSeconds(1));
        run(FunctionHarness.load(Path.of("events/timer-tracker.json")));

        Map<String, Object> head = request("HEAD", "/tasks/" + TASK + "/result");
        assertEquals(200, head.get("statusCode"));
        assertEquals("", head.get("body"));
        assertEquals("audio/mpeg", ((Map<?, ?>) head.get("headers")).get("Content-Type"));

        Path delivered = LocalObjectStore.fileOf(dir, "soundtracks/incoming/holiday.mp4.mp3");
        try (RandomAccessFile big = new RandomAccessFile(delivered.toFile(), "rw")) {
            big.setLength(95L * 1024 * 1024);
        }
        Map<String, Object> refused = get("/tasks/" + TASK + "/result", TOKEN);
        assertEquals(413, refused.get("statusCode"));
        assertEquals("ResultTooLargeToServe", code(refused));
        assertTrue(((String) refused.get("body")).contains(Long.toString(95L * 1024 * 1024)), (String) refused.get(
                "body"));
        assertEquals(413, request("HEAD", "/tasks/" + TASK + "/result").get("statusCode"));
    }

    @Test
    void notDoneYet_is409_unknown404_wrongToken401() {
        vod.stub(vod.action("DescribeTaskDetail").willReturn(json("{\"Response\":{\"Status\":\"PROCESSING\","
                + "\"AigcAudioTask\":{\"Progress\":10},\"RequestId\":\"d\"}}")));
        run(FunctionHarness.load(Path.of("events/cos-video-upload.json")));

        Map<String, Object> running = get("/tasks/" + TASK + "/result", TOKEN);
        assertEquals(409, running.get("statusCode"));
        assertEquals("NotDone", code(running));
        assertEquals(404, get("/tasks/251441341-AigcAudioTask-other/result", TOKEN).get("statusCode"));
        assertEquals(401, get("/tasks/" + TASK + "/result", "not-the-token-0123456789").get("statusCode"));
    }

    @Test
    void resultLeftWhereTheServicePutIt_isNotServed_theUrlIsTheWay() {
        try (com.aigcaudio.testing.FakeCos cos = new com.aigcaudio.testing.FakeCos()) {
            vod.stub(vod.action("DescribeTaskDetail").willReturn(json(FakeTencentCloud.finished(files.url(
                    "/r/a.mp3")))));
            env.put("AIGC_STATE", "cos://state-1250000000.ap-guangzhou/");
            env.put("AIGC_RESULTS", "none");
            env.put("AIGC_COS_ENDPOINT", cos.endpoint().toString());
            FunctionHarness cosState = new FunctionHarness(env, clock);
            cosState.invoke(FunctionHarness.load(Path.of("events/cos-video-upload.json")));
            clock.advance(Duration.ofSeconds(1));
            cosState.invoke(FunctionHarness.load(Path.of("events/timer-tracker.json")));
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("httpMethod", "GET");
            event.put("path", "/tasks/" + TASK + "/result");
            event.put("headers", Map.of("Authorization", "Bearer " + TOKEN));

            Map<String, Object> response = cosState.invoke(event).result;

            assertEquals(404, response.get("statusCode"));
            assertEquals("NotServed", code(response));
        }
    }
}
