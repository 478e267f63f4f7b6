package com.aigcaudio.platform.cli;

import com.aigcaudio.config.Settings;
import com.aigcaudio.json.Json;
import com.aigcaudio.log.Logger;
import com.aigcaudio.testing.FakeTencentCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();
    @TempDir
    Path localDir;

    @BeforeEach
    void ownLocalStore() {
        env.put("AIGC_STATE", "file:" + localDir.toString());
    }

    @AfterEach
    void restoreLogging() {
        Logger.configure(System.out, Logger.Level.INFO);
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new Settings(env::get));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void localFlow_uploadThenTrackerTimer_putsAPlayableSoundtrackOnDisk() throws Exception {
        env.put("AIGC_TRACKER_FIRST_CHECK_MS", "100");
        assertEquals(Main.OK, run("invoke", "--emulator-ms", "0,0", "events/cos-video-upload.json"), stderr());

        // The record is due 100 ms after it was written: tracker ticks until it is delivered, at most 10 s.
        long giveUp = System.nanoTime() + 10_000_000_000L;
        do {
            out.reset();
            assertEquals(Main.OK, run("invoke", "events/timer-tracker.json"), stderr());
        } while (!stdout().contains("\"done\":1") && System.nanoTime() < giveUp);

        Path soundtrack = localDir.resolve("soundtracks/incoming/holiday.mp4.wav");
        assertTrue(Files.exists(soundtrack), stderr());
        byte[] wav = Files.readAllBytes(soundtrack);
        assertEquals("RIFF", new String(wav, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WAVE", new String(wav, 8, 4, StandardCharsets.US_ASCII));
        assertTrue(wav.length > 16_000, "seconds of audio, not a stub: " + wav.length);
        assertTrue(stdout().contains("\"done\":1"), stdout());
    }

    @Test
    void invokeFollow_waitsForTheSoundtrack() {
        assertEquals(Main.OK, run("invoke", "--follow", "--emulator-ms", "100,300", "events/cos-video-upload.json"),
                stderr());

        assertTrue(Files.exists(localDir.resolve("soundtracks/incoming/holiday.mp4.wav")), stderr());
        assertTrue(stderr().contains("every task settled"), stderr());
    }

    @Test
    void invoke_deadLetterMessage_replaysTheEventInItsBody() {
        int exit = run("invoke", "events/replay/scf-dead-letter.json");

        assertEquals(Main.OK, exit, stderr());
        Map<?, ?> result = (Map<?, ?>) Json.parse(stdout().trim());
        Map<?, ?> first = (Map<?, ?>) ((List<?>) result.get("results")).get(0);
        assertEquals("created", first.get("status"));
        assertEquals("cos://videos-1250000000/incoming/holiday.mp4", first.get("source"));
        assertTrue(stderr().contains("dead-letter message of request c2a1f1e0"), stderr());
    }

    @Test
    void invoke_awsS3Event_runsThroughTheLambdaHandlerOnTheEmulator() {
        int exit = run("invoke", "events/aws-s3-put.json");

        assertEquals(Main.OK, exit, stderr());
        Map<?, ?> first = (Map<?, ?>) ((List<?>) ((Map<?, ?>) Json.parse(stdout().trim())).get("results")).get(0);
        assertEquals("created", first.get("status"));
        assertEquals("s3://media-uploads-example/incoming/summer holiday 假日 100%+1.mp4", first.get("source"));
        assertTrue(stderr().contains("through the Lambda handler"), stderr());
    }

    @Test
    void invoke_awsHttpApiEvent_answersLikeAFunctionUrl() {
        int exit = run("invoke", "events/aws-http-api-post.json");

        assertEquals(Main.OK, exit, stderr());
        assertEquals(202, ((Number) ((Map<?, ?>) Json.parse(stdout().trim())).get("statusCode")).intValue());
    }

    @Test
    void invoke_lambdaFailureRecord_replaysItsRequestPayload() {
        int exit = run("invoke", "events/replay/lambda-on-failure.json");

        assertEquals(Main.OK, exit, stderr());
        assertTrue(stdout().contains("\"status\":\"created\""), stdout());
        assertTrue(stderr().contains("Lambda failure record (RetriesExhausted)"), stderr());
    }

    @Test
    void invoke_noCredentialsNoEndpoint_usesEmulatorAndPrintsResultOnStdout() {
        int exit = run("invoke", "events/cos-video-upload.json");

        assertEquals(Main.OK, exit, stderr());
        Map<?, ?> result = (Map<?, ?>) Json.parse(stdout().trim());
        Map<?, ?> first = (Map<?, ?>) ((List<?>) result.get("results")).get(0);
        assertEquals("created", first.get("status"));
        assertTrue(((String) first.get("taskId")).contains("-AigcAudioTask-"));
        assertTrue(stderr().contains("embedded VOD emulator"), "says so on stderr");
        assertTrue(stderr().contains("\"message\":\"task created\""), "logs go to stderr");
        assertEquals(1, stdout().trim().split("\n").length, "stdout holds only the result");
    }

    @Test
    void invoke_emulatorRejectsViolatingPrompt_likeTheApi() throws IOException {
        env.put("AIGC_PROMPT", "a violation of policy for {filename}");
        assertEquals(Main.OK, run("invoke", "events/cos-video-upload.json"));
        assertTrue(stdout().contains("InvalidParameter.ViolationContent"), stdout());
    }

    @Test
    void invoke_mpsEmulator_createsTask() {
        env.put("AIGC_SERVICE", "mps");
        assertEquals(Main.OK, run("invoke", "events/timer-text-message.json"), stderr());
        assertTrue(stdout().contains("-AigcAudio-"), stdout());
    }

    @Test
    void invoke_retryableFailure_exitsNonZeroWithResult() {
        try (FakeTencentCloud vod = new FakeTencentCloud("vod")) {
            vod.stub(vod.action("CreateAigcAudioTask").willReturn(FakeTencentCloud.json(
                    FakeTencentCloud.error("InternalError", "down", "r"))));
            env.put("AIGC_ENDPOINT", vod.endpoint().toString());
            env.put("TENCENTCLOUD_SECRET_ID", FakeTencentCloud.SECRET_ID);
            env.put("TENCENTCLOUD_SECRET_KEY", FakeTencentCloud.SECRET_KEY);

            assertEquals(Main.HANDLER_FAILED, run("invoke", "events/cos-video-upload.json"));
            assertTrue(stdout().contains("\"status\":\"failed\""));
            assertFalse(stderr().contains(FakeTencentCloud.SECRET_KEY));
            int posts = vod.requests().size();
            assertTrue(vod.probes().size() >= 1 && vod.probes().size() <= posts + 1,
                    "the warm-up probe, and at most one before each POST on an idle connection: " + vod.probes().size()
                            + " probes, " + posts + " POSTs");
            vod.assertAllSigned();
        }
    }

    @Test
    void invoke_connectionWarmupOff_sendsOnlyTheApiCall() {
        try (FakeTencentCloud vod = new FakeTencentCloud("vod")) {
            vod.stub(vod.action("CreateAigcAudioTask").willReturn(FakeTencentCloud.json(
                    FakeTencentCloud.success("task-1", "r"))));
            env.put("AIGC_ENDPOINT", vod.endpoint().toString());
            env.put("AIGC_CONNECTION_WARMUP", "false");
            env.put("TENCENTCLOUD_SECRET_ID", FakeTencentCloud.SECRET_ID);
            env.put("TENCENTCLOUD_SECRET_KEY", FakeTencentCloud.SECRET_KEY);

            assertEquals(Main.OK, run("invoke", "events/cos-video-upload.json"), stderr());
            assertEquals(List.of(), vod.probes());
            assertEquals(1, vod.requests().size());
            vod.assertAllSigned();
        }
    }

    @Test
    void invoke_endpointWithoutCredentials_failsNamingVariables() {
        env.put("AIGC_ENDPOINT", "http://127.0.0.1:9/");
        assertEquals(Main.USAGE, run("invoke", "events/cos-video-upload.json"));
        assertTrue(stderr().contains("TENCENTCLOUD_SECRET_ID"), stderr());
    }

    @Test
    void invoke_unrecognisedEvent_exitsNonZeroWithMessage(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("odd.json");
        Files.writeString(file, "{\"hello\":\"world\"}");
        assertEquals(Main.HANDLER_FAILED, run("invoke", file.toString()));
        assertTrue(stderr().contains("unrecognised event"), stderr());
    }

    @Test
    void invoke_badFileOrUsage_exits2(@TempDir Path dir) throws IOException {
        assertEquals(Main.USAGE, run());
        assertEquals(Main.USAGE, run("invoke", dir.resolve("missing.json").toString()));
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{not json");
        assertEquals(Main.USAGE, run("invoke", broken.toString()));
        env.put("AIGC_SERVICE", "nope");
        assertEquals(Main.USAGE, run("invoke", "events/cos-video-upload.json"));
        assertTrue(stderr().contains("AIGC_SERVICE"));
    }

    @Test
    void invoke_replacedVariable_exits2NamingItsReplacement() {
        env.put("AIGC_IDEMPOTENCY_STORE", "cos");
        assertEquals(Main.USAGE, run("invoke", "events/cos-video-upload.json"));
        assertTrue(stderr().contains("AIGC_IDEMPOTENCY_STORE") && stderr().contains("AIGC_STATE"), stderr());
    }

    @Test
    void invoke_badFlag_exits2WithTheUsage() {
        assertEquals(Main.USAGE, run("invoke", "--emulator-ms", "5", "events/cos-video-upload.json"));
        assertTrue(stderr().contains("--emulator-ms needs RUNNING,DONE"), stderr());
        assertEquals(Main.USAGE, run("invoke", "--time-limit-ms", "10", "events/cos-video-upload.json"));
        assertEquals(Main.USAGE, run("invoke", "--nope", "events/cos-video-upload.json"));
        assertTrue(stderr().contains("usage:"), stderr());
    }
}
