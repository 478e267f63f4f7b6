package com.aigcaudio.function;

import com.aigcaudio.json.Json;
import com.aigcaudio.testing.FakeCos;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.FunctionHarness;
import com.aigcaudio.testing.LocalHttp;
import com.aigcaudio.testing.MutableClock;
import com.aigcaudio.testing.RealS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static com.aigcaudio.testing.FakeTencentCloud.json;
import static com.aigcaudio.testing.FakeTencentCloud.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A paid task always reaches its soundtrack: every store request of an upload failing once, and the tracking
 * record's write failing for good, on the COS fake and on S3Mock; the task is created once and delivered once.
 */
class NoSoundtrackLeftBehindTest {
    private static final String TASK = "251441341-AigcAudioTask-kept";
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final LocalHttp files = new LocalHttp();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final Map<String, String> env = FunctionHarness.fixtureEnv(vod);
    private final Map<String, Object> upload = FunctionHarness.load(Path.of("events/cos-video-upload.json"));
    private final Map<String, Object> tick = FunctionHarness.load(Path.of("events/timer-tracker.json"));
    private FakeCos cos;

    NoSoundtrackLeftBehindTest() throws Exception {
        env.put("AIGC_TRACKER_FIRST_CHECK_MS", "100");
        files.file("/r/a.mp3", 200, "audio/mpeg", "mp3 bytes".getBytes(StandardCharsets.UTF_8));
        stubApi();
    }

    /** Creates answer with the task; describing it says finished, its mp3 on the local file server. */
    private void stubApi() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success(TASK, "req-create"))));
        vod.stub(vod.action("DescribeTaskDetail").willReturn(json(FakeTencentCloud.finished(files.url("/r/a.mp3")))));
    }

    @AfterEach
    void tearDown() {
        try {
            vod.assertAllSignedAndClose();
            if (cos != null) {
                cos.assertAllSignedAndClose();
            }
        } finally {
            files.close();
        }
    }

    private void cosState() {
        cos = new FakeCos();
        env.put("AIGC_STATE", "cos://state-1250000000.ap-guangzhou/");
        env.put("AIGC_COS_ENDPOINT", cos.endpoint().toString());
        env.put("AIGC_RESULTS", "cos://videos-1250000000.ap-guangzhou/");
        env.put("AIGC_COS_PREFIXES", "incoming/");
    }

    private FunctionHarness.Outcome deliver(Map<String, Object> event) {
        return new FunctionHarness(env, clock).invoke(event);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(FunctionHarness.Outcome outcome) {
        return ((List<Map<String, Object>>) outcome.result.get("results")).get(0);
    }

    private long creates() {
        return vod.requests().stream().filter(r -> "CreateAigcAudioTask".equals(r.getHeader("X-TC-Action"))).count();
    }

    /** Tracker ticks a second apart until the soundtrack is in place, at most 5. */
    private void tickUntilDelivered(String soundtrackKey, Predicate<String> delivered) {
        for (int i = 0; i < 5 && !delivered.test(soundtrackKey); i++) {
            clock.advance(Duration.ofSeconds(1));
            deliver(tick);
        }
    }

    @Test
    void cos_everyStoreRequestOfAnUploadFailingOnce_stillOneTaskAndItsSoundtrack() {
        cosState();
        int before = cos.requestCount();
        deliver(upload);
        int perUpload = cos.requestCount() - before;
        cos.close();
        vod.reset();
        assertTrue(perUpload >= 3, "claim, sending, completion and tracking at least: " + perUpload);

        for (int n = 1; n <= perUpload; n++) {
            cosState();
            stubApi();
            cos.failRequest(n, 503);

            FunctionHarness.Outcome outcome = deliver(upload);
            tickUntilDelivered("/soundtracks/incoming/holiday.mp4.mp3", key -> cos.objects().containsKey(key));

            assertEquals("created", first(outcome).get("status"), "request " + n + " failing once");
            assertFalse(outcome.failed, "request " + n);
            assertEquals(1, creates(), "request " + n);
            assertTrue(cos.objects().containsKey("/soundtracks/incoming/holiday.mp4.mp3"), "request " + n + " failing "
                    + "once: delivered");
            cos.assertAllSignedAndClose();
            cos = null;
            vod.reset();
        }
    }

    @Test
    void cos_trackingRecordNeverWritten_invocationRetryable_sweepTracksItFromTheClaim_deliveredOnce() {
        cosState();
        cos.failPuts("\"state\":\"PENDING\"", 1, 403);

        FunctionHarness.Outcome outcome = deliver(upload);

        assertEquals("created", first(outcome).get("status"));
        assertEquals(Boolean.FALSE, first(outcome).get("tracked"));
        assertTrue(outcome.failed, "not reported as settled while the paid task is untracked");
        assertEquals(List.of("COMPLETED"), cos.statuses().stream().filter("COMPLETED"::equals)
                .collect(Collectors.toList()));
        assertEquals("duplicate", first(deliver(upload)).get("status"), "SCF's retry: no second task");

        tickUntilDelivered("/soundtracks/incoming/holiday.mp4.mp3", key -> cos.objects().containsKey(key));

        assertTrue(cos.objects().containsKey("/soundtracks/incoming/holiday.mp4.mp3"), Json.toString(cos.objects()
                .keySet()));
        assertEquals(1, cos.puts("/soundtracks/incoming/holiday.mp4.mp3").size(), "delivered once");
        assertEquals(1, creates());
        String claim = cos.objects().entrySet().stream().filter(e -> e.getKey().startsWith("/aigc-idempotency/"))
                .map(e -> new String(e.getValue(), StandardCharsets.UTF_8)).findFirst().orElseThrow();
        assertFalse(claim.contains("\"track\""), "the claim no longer waits for tracking: " + claim);
    }

    @Test
    void s3_trackingRecordWriteRefused_isTrackedByTheSweep_deliveredOnce() {
        URI bucket = RealS3.get().newBucket();
        env.put("AIGC_STATE", "s3://" + bucket.getPath().replaceAll("/", "") + "/");
        env.put("AIGC_S3_ENDPOINT", "http://" + bucket.getHost() + ":" + bucket.getPort() + "/");
        env.put("AWS_REGION", "eu-west-1");
        env.put("AIGC_MEDIA_URL", "object");
        RealS3.get().refuseNext("PUT", bucket.getPath() + "aigc-tracking/open/", 1);

        FunctionHarness.Outcome outcome = deliver(upload);
        assertTrue(outcome.failed);
        assertEquals(Boolean.FALSE, first(outcome).get("tracked"));

        String soundtrack = bucket.getPath() + "soundtracks/incoming/holiday.mp4.mp3";
        tickUntilDelivered(soundtrack, key -> RealS3.get().requests(key).stream().anyMatch(r -> r.startsWith("PUT")));

        assertEquals(1, RealS3.get().requests(soundtrack).stream().filter(r -> r.startsWith("PUT")).count(),
                "delivered once into the state bucket");
        assertEquals(1, creates());
        assertEquals(List.of(), RealS3.get().problems(), "every S3 request signed correctly");
    }
}
