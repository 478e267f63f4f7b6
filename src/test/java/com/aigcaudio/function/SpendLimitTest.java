package com.aigcaudio.function;

import com.aigcaudio.json.Json;
import com.aigcaudio.testing.FakeCos;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.FunctionHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.aigcaudio.testing.FakeTencentCloud.error;
import static com.aigcaudio.testing.FakeTencentCloud.json;
import static com.aigcaudio.testing.FakeTencentCloud.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AIGC_MAX_TASKS_PER_HOUR / _PER_DAY counted in a shared COS store (FakeCos), across concurrent instances. */
class SpendLimitTest {
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final FakeCos cos = new FakeCos();
    private final Map<String, String> env = FunctionHarness.fixtureEnv(vod);

    SpendLimitTest() {
        env.put("AIGC_STATE", "cos://state-1250000000.ap-guangzhou/");
        env.put("AIGC_RESULTS", "none");
        env.put("AIGC_COS_ENDPOINT", cos.endpoint().toString());
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success("t", "r"))));
    }

    @AfterEach
    void tearDown() {
        try {
            vod.assertAllSignedAndClose();
        } finally {
            cos.assertAllSignedAndClose();
        }
    }

    private static Map<String, Object> upload(int i) {
        return Json.parseObject(Json.toString(FunctionHarness.load(Path.of("events/cos-video-upload.json")))
                .replace("holiday.mp4", "clip-" + i + ".mp4"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(FunctionHarness.Outcome outcome) {
        return ((List<Map<String, Object>>) outcome.result.get("results")).get(0);
    }

    @Test
    void perHourLimit_refusesTheRestWithSpendLimitReached() throws Exception {
        env.put("AIGC_MAX_TASKS_PER_HOUR", "3");
        com.aigcaudio.testing.LocalHttp webhook = new com.aigcaudio.testing.LocalHttp();
        env.put("AIGC_NOTIFY_URL", webhook.url("/hook").toString());
        env.put("AIGC_NOTIFY_SECRET", "webhook-secret-0123456789");
        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> result = first(new FunctionHarness(env).invoke(upload(i)));
            statuses.add(result.get("status") + (result.get("error") == null ? ""
                    : ":" + ((Map<?, ?>) result.get("error")).get("code")));
        }
        assertEquals(List.of("created", "created", "created", "failed:SpendLimitReached", "failed:SpendLimitReached"),
                statuses);
        assertEquals(3, vod.requests().size(), "nothing created past the limit");
        List<Map<String, Object>> notices = new ArrayList<>();
        for (com.aigcaudio.testing.LocalHttp.Received r : webhook.received()) {
            Map<String, Object> body = Json.parseObject(new String(r.body, StandardCharsets.UTF_8));
            if ("refused".equals(body.get("status"))) {
                notices.add(body);
            }
        }
        webhook.close();
        assertEquals(1, notices.size(), "one notice per window, not one per refused upload: " + notices);
        assertEquals("SpendLimitReached", ((Map<?, ?>) notices.get(0).get("error")).get("code"));
        assertTrue(notices.get(0).get("resetAt").toString().endsWith(":00:00Z"), "the reset is the next full hour");
    }

    @Test
    void deathDuringTheSpendCount_leavesAClaimARedeliveryTakesOver() throws Exception {
        env.put("AIGC_MAX_TASKS_PER_DAY", "10");
        cos.holdPuts("aigc-spend/");
        assertTrue(cos.killAtHeldPut(() -> new FunctionHarness(env).invoke(upload(0)), 5_000),
                "the spend slot PUT is in flight");
        assertEquals(List.of("IN_PROGRESS"), cos.statuses(), "nothing was sent: the claim never reached SENDING");
        assertEquals(0, vod.requests().size());
        cos.expireWindows();

        assertEquals("created", first(new FunctionHarness(env).invoke(upload(0))).get("status"));
        assertEquals(1, vod.requests().size());
    }

    @Test
    void sendingMarkFails_afterAdmission_givesTheSlotBack() {
        env.put("AIGC_MAX_TASKS_PER_DAY", "1");
        cos.failPuts("\"SENDING\"", 1, 403);

        assertEquals("IdempotencyStoreUnavailable", ((Map<?, ?>) first(new FunctionHarness(env).invoke(upload(0)))
                .get("error")).get("code"));
        assertEquals(0, vod.requests().size());

        assertEquals("created", first(new FunctionHarness(env).invoke(upload(0))).get("status"),
                "the one slot of the day was given back, not burnt");
    }

    @Test
    void cleanFailure_givesItsSlotBack() {
        env.put("AIGC_MAX_TASKS_PER_DAY", "1");
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(error("FailedOperation", "no", "r"))));
        assertEquals("failed", first(new FunctionHarness(env).invoke(upload(0))).get("status"));

        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success("t", "r"))));
        assertEquals("created", first(new FunctionHarness(env).invoke(upload(1))).get("status"));
        assertEquals("SpendLimitReached", ((Map<?, ?>) first(new FunctionHarness(env).invoke(upload(2))).get("error"))
                .get("code"));
    }

    @Test
    void concurrentInstances_neverExceedTheLimit() throws Exception {
        env.put("AIGC_MAX_TASKS_PER_DAY", "5");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<FunctionHarness.Outcome>> runs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Map<String, Object> event = upload(i);
            FunctionHarness harness = new FunctionHarness(env);
            runs.add(pool.submit(() -> {
                start.await();
                return harness.invoke(event);
            }));
        }
        start.countDown();
        int created = 0;
        for (Future<FunctionHarness.Outcome> run : runs) {
            created += "created".equals(first(run.get()).get("status")) ? 1 : 0;
        }
        pool.shutdownNow();
        assertEquals(5, created);
        assertEquals(5, vod.requests().size(), "worst-case overrun: none");
    }

    @Test
    void http_limitReached_is429WithRetryAfter() {
        env.put("AIGC_MAX_TASKS_PER_HOUR", "1");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", "POST");
        event.put("path", "/tasks");
        event.put("headers", Map.of("Authorization", "Bearer local-demo-token-0123456789", "Content-Type",
                "application/json"));
        event.put("body", "{\"Prompt\":\"p\"}");
        assertEquals(202, new FunctionHarness(env).invoke(event).result.get("statusCode"));

        Map<String, Object> refused = new FunctionHarness(env).invoke(event).result;

        assertEquals(429, refused.get("statusCode"));
        long retryAfter = Long.parseLong((String) ((Map<?, ?>) refused.get("headers")).get("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 3600, String.valueOf(retryAfter));
        assertTrue(((String) refused.get("body")).contains("AIGC_MAX_TASKS_PER_HOUR"));
        assertFalse(((String) refused.get("body")).contains("Exception"));
    }
}
