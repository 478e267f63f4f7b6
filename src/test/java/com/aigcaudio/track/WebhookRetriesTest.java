package com.aigcaudio.track;

import com.aigcaudio.json.Json;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.FunctionHarness;
import com.aigcaudio.testing.LocalHttp;
import com.aigcaudio.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.aigcaudio.testing.FakeTencentCloud.json;
import static com.aigcaudio.testing.FakeTencentCloud.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks after a task settles: a bounded schedule that ends with the webhook marked failed, one send per attempt
 * across concurrent trackers, and retries that wait behind deliveries. On the local store, so the clock may jump
 * hours (no signature windows to respect).
 */
class WebhookRetriesTest {
    private static final String TASK = "251441341-AigcAudioTask-hooked";
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final LocalHttp files = new LocalHttp();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final Map<String, String> env = FunctionHarness.fixtureEnv(vod);
    private final Map<String, Object> upload = FunctionHarness.load(Path.of("events/cos-video-upload.json"));
    private final Map<String, Object> tick = FunctionHarness.load(Path.of("events/timer-tracker.json"));
    @TempDir
    Path dir;

    WebhookRetriesTest() throws Exception {
        files.file("/r/a.mp3", 200, "audio/mpeg", "mp3".getBytes(StandardCharsets.UTF_8));
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success(TASK, "c"))));
        vod.stub(vod.action("DescribeTaskDetail").willReturn(json(FakeTencentCloud.finished(files.url("/r/a.mp3")))));
        env.put("AIGC_TRACKER_FIRST_CHECK_MS", "100");
        env.put("AIGC_NOTIFY_URL", files.url("/hook").toString());
        env.put("AIGC_NOTIFY_SECRET", "webhook-secret-0123456789");
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

    private Path record(String openOrClosed) {
        return dir.resolve("aigc-tracking/" + openOrClosed + "/" + TASK + ".json");
    }

    @Test
    void deadEndpoint_eightAttemptsOverHours_thenTheRecordClosesWithTheWebhookFailed() throws Exception {
        files.webhookAnswers(Collections.nCopies(20, 503).toArray(new Integer[0]));
        run(upload);
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofHours(7));
            run(tick);
        }

        assertEquals(Webhooks.ATTEMPTS, files.received().size(), "a bounded schedule");
        assertFalse(Files.exists(record("open")));
        Map<?, ?> closed = (Map<?, ?>) Json.parse(Files.readAllBytes(record("closed")));
        assertEquals("DONE", closed.get("state"));
        assertEquals("failed", closed.get("webhook"), "visible to operators");
    }

    @Test
    void webhookSchedule_growsFromTheFirstCheckToSixHours() {
        env.put("AIGC_TRACKER_FIRST_CHECK_MS", "10000");
        com.aigcaudio.function.FunctionConfig config = com.aigcaudio.function.FunctionConfig.from(
                new com.aigcaudio.config.Settings(env::get));
        Webhooks webhooks = new Webhooks(null, null, null, null, Clock.systemUTC(),
                config.tracking().firstCheck());
        List<Duration> intervals = new ArrayList<>();
        Duration total = Duration.ZERO;
        for (int attempt = 0; attempt < Webhooks.ATTEMPTS - 1; attempt++) {
            intervals.add(webhooks.interval(attempt));
            total = total.plus(webhooks.interval(attempt));
        }
        assertEquals(Duration.ofSeconds(10), intervals.get(0));
        assertEquals(Duration.ofMinutes(1), intervals.get(1));
        assertEquals(Duration.ofHours(6), intervals.get(6));
        assertTrue(total.compareTo(Duration.ofHours(12)) > 0 && total.compareTo(Duration.ofHours(24)) < 0,
                total.toString());
    }

    @Test
    void concurrentTrackers_sendEachAttemptOnce() throws Exception {
        files.webhookAnswers(503);
        run(upload);
        clock.advance(Duration.ofSeconds(1));
        run(tick);
        assertEquals(1, files.received().size(), "first attempt, answered 503");
        clock.advance(Duration.ofMinutes(1));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<FunctionHarness.Outcome>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return run(tick);
                }));
            }
            start.countDown();
            for (Future<FunctionHarness.Outcome> r : runs) {
                r.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(2, files.received().size(), "the retry went out once, not once per tracker");
    }
}
