package com.aigcaudio.function;

import com.aigcaudio.testing.FakeCos;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.FunctionHarness;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.aigcaudio.testing.FakeTencentCloud.error;
import static com.aigcaudio.testing.FakeTencentCloud.json;
import static com.aigcaudio.testing.FakeTencentCloud.success;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SCF delivers COS and timer events at least once and retries failed invocations twice more. Each delivery here
 * runs on a fresh function instance sharing one (WireMock) COS idempotency store, as SCF's retries may. For every
 * fault: nothing lost (a task is created and recorded, or the invocation fails retryably and a redelivery creates
 * it) and nothing duplicated (exactly one successful CreateAigcAudioTask).
 */
class AtLeastOnceDeliveryTest {
    private static final String ACTION = "CreateAigcAudioTask";
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final FakeCos cos = new FakeCos();
    private final Map<String, String> env = FunctionHarness.fixtureEnv(vod);
    private final Map<String, Object> upload = FunctionHarness.load(Path.of("events/cos-video-upload.json"));

    AtLeastOnceDeliveryTest() {
        env.put("AIGC_STATE", "cos://state-1250000000.ap-guangzhou/");
        env.put("AIGC_RESULTS", "none");
        env.put("AIGC_COS_ENDPOINT", cos.endpoint().toString());
    }

    @AfterEach
    void tearDown() {
        try {
            vod.assertAllSignedAndClose();
        } finally {
            cos.assertAllSignedAndClose();
        }
    }

    private FunctionHarness.Outcome deliver(Map<String, Object> event) {
        return new FunctionHarness(env).invoke(event);
    }

    /** Delivers like SCF: the first time, then again after each failed invocation, at most 3 times in all. */
    private List<FunctionHarness.Outcome> deliverLikeScf(Map<String, Object> event) {
        List<FunctionHarness.Outcome> outcomes = new ArrayList<>();
        do {
            outcomes.add(deliver(event));
        } while (outcomes.get(outcomes.size() - 1).failed && outcomes.size() < 3);
        return outcomes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(FunctionHarness.Outcome outcome) {
        return ((List<Map<String, Object>>) outcome.result.get("results")).get(0);
    }

    private static String status(FunctionHarness.Outcome outcome) {
        return (String) first(outcome).get("status");
    }

    /** Stubs a sequence of answers: each in turn, the last one for good. */
    private void sequence(ResponseDefinitionBuilder... answers) {
        String state = STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = "step" + (i + 1);
            ScenarioMappingBuilder mapping = vod.action(ACTION).inScenario("seq").whenScenarioStateIs(state)
                    .willReturn(answers[i]);
            vod.stub(i < answers.length - 1 ? mapping.willSetStateTo(next) : mapping);
            state = next;
        }
    }

    private long successfulCreates() {
        return vod.server().getAllServeEvents().stream()
                .filter(e -> e.getResponse().getStatus() == 200 && e.getResponse().getBodyAsString().contains(
                        "\"TaskId\""))
                .count();
    }

    @Test
    void stateOnly_atACosCompatibleServer_oneTask_thenADuplicate() {
        // The smallest configuration: AIGC_STATE and the endpoint override, results defaulting to the state bucket.
        env.remove("AIGC_RESULTS");
        vod.stub(vod.action(ACTION).willReturn(json(success("task-state-only", "r"))));

        assertEquals("created", status(deliver(upload)));
        assertEquals("duplicate", status(deliver(upload)));
        assertEquals(1, vod.requests().size());
    }

    @Test
    void sameEvent_threeTimesInSequence_createsOneTaskAndReplaysIt() {
        vod.stub(vod.action(ACTION).willReturn(json(success("task-once", "req-once"))));

        FunctionHarness.Outcome one = deliver(upload);
        FunctionHarness.Outcome two = deliver(upload);
        FunctionHarness.Outcome three = deliver(upload);

        assertEquals("created", status(one));
        assertEquals("duplicate", status(two));
        assertEquals("duplicate", status(three));
        assertEquals("task-once", first(three).get("taskId"));
        assertEquals("req-once", first(three).get("requestId"));
        assertEquals(1, vod.requests().size());
    }

    @Test
    void sameEvent_threeTimesConcurrently_createsOneTask() throws Exception {
        vod.stub(vod.action(ACTION).willReturn(json(success("task-race", "r")).withFixedDelay(600)));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<FunctionHarness.Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return deliver(upload);
            }));
        }
        go.countDown();
        List<String> statuses = new ArrayList<>();
        for (Future<FunctionHarness.Outcome> f : futures) {
            FunctionHarness.Outcome outcome = f.get();
            statuses.add(status(outcome));
            // A delivery that finds the claim held fails so that SCF retries it; one that comes after sees the task.
            assertEquals("failed".equals(status(outcome)), outcome.failed, statuses.toString());
        }
        pool.shutdown();

        assertEquals(1, statuses.stream().filter("created"::equals).count(), statuses.toString());
        assertEquals(1, vod.requests().size());
        assertEquals("duplicate", status(deliver(upload)), "SCF's retry of the losers sees the task");
        assertEquals(1, vod.requests().size());
    }

    @Test
    void throttlingBurst_laterDeliveryCreatesOnce() {
        env.put("AIGC_MAX_ATTEMPTS", "1");
        sequence(json(error("RequestLimitExceeded", "slow", "r1")), json(error("RequestLimitExceeded", "slow", "r2")),
                json(success("task-after-burst", "r3")));

        List<FunctionHarness.Outcome> outcomes = deliverLikeScf(upload);

        assertEquals(3, outcomes.size());
        assertEquals("created", status(outcomes.get(2)));
        assertEquals(1, successfulCreates());
        assertEquals("duplicate", status(deliver(upload)));
    }

    @Test
    void internalErrorBurst_retriedInsideAndAcrossDeliveries_createsOnce() {
        sequence(json(error("InternalError", "x", "r1")), json(error("InternalError", "x", "r2")),
                json(error("InternalError", "x", "r3")), json(error("InternalError", "x", "r4")),
                json(success("task-ie", "r5")));

        List<FunctionHarness.Outcome> outcomes = deliverLikeScf(upload);

        assertTrue(outcomes.get(0).failed);
        assertEquals("created", status(outcomes.get(1)));
        assertEquals(5, vod.requests().size());
        assertEquals(1, successfulCreates());
    }

    /** A gateway's 5xx may follow a POST it forwarded: one request, never sent again, resolvable by a person. */
    @Test
    void gateway504_isUnknownOutcome_neverRecreatedOnRedelivery() {
        vod.stub(vod.action(ACTION).willReturn(aResponse().withStatus(504).withBody("<html>Gateway Time-out</html>")));
        assertUnknownOutcomeNeverRecreated();
    }

    @Test
    void connectionReset_isUnknownOutcome_neverRecreatedOnRedelivery() {
        vod.stub(vod.action(ACTION).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertUnknownOutcomeNeverRecreated();
    }

    @Test
    void responseSlowerThanTimeout_isUnknownOutcome_neverRecreated() {
        env.put("AIGC_REQUEST_TIMEOUT_MS", "300");
        vod.stub(vod.action(ACTION).willReturn(json(success("late", "r")).withFixedDelay(1200)));
        assertUnknownOutcomeNeverRecreated();
    }

    @Test
    void malformedJson_isUnknownOutcome_neverRecreated() {
        vod.stub(vod.action(ACTION).willReturn(aResponse().withStatus(200).withBody("{\"Response\":{\"TaskId\":")));
        assertUnknownOutcomeNeverRecreated();
    }

    private void assertUnknownOutcomeNeverRecreated() {
        FunctionHarness.Outcome one = deliver(upload);
        assertFalse(one.failed, "not failed: an SCF retry could create a second paid task");
        assertEquals("unknown_outcome", ((Map<?, ?>) first(one).get("error")).get("class"));

        FunctionHarness.Outcome two = deliver(upload);
        assertEquals("PreviousOutcomeUnknown", ((Map<?, ?>) first(two).get("error")).get("code"));
        assertEquals(1, vod.requests().size());
    }

    @Test
    void clockSkew_correctedOnce_createsOnce() {
        String serverDate = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().plusSeconds(900).atOffset(ZoneOffset.UTC));
        sequence(json(error("AuthFailure.SignatureExpire", "expired", "r1")).withHeader("Date", serverDate),
                json(success("task-skew", "r2")));

        assertEquals("created", status(deliver(upload)));
        assertEquals("duplicate", status(deliver(upload)));
        assertEquals(2, vod.requests().size());
        assertEquals(1, successfulCreates());
    }

    @Test
    void firstClaimPutAnswers500_isRetried_theUploadGetsItsTask() {
        vod.stub(vod.action(ACTION).willReturn(json(success("task-put500", "r"))));
        cos.failPuts("IN_PROGRESS", 1, 500);

        FunctionHarness.Outcome one = deliver(upload);

        assertEquals("created", status(one));
        assertFalse(one.failed);
        assertEquals(List.of("COMPLETED"), cos.statuses());
    }

    @Test
    void firstGetAnswers500_isRetried_theUploadGetsItsTask() {
        vod.stub(vod.action(ACTION).willReturn(json(success("task-get500", "r"))));
        cos.failGets(1);

        assertEquals("created", status(deliver(upload)));
        assertEquals(1, vod.requests().size());
    }

    @Test
    void every503ForTwoSeconds_isOutlasted_theUploadGetsItsTask() {
        vod.stub(vod.action(ACTION).willReturn(json(success("task-storm", "r"))));
        cos.unavailableFor(2_000);

        assertEquals("created", status(deliver(upload)));
        assertEquals(List.of("COMPLETED"), cos.statuses());
    }

    @Test
    void claimWrittenButItsAnswerLost_isResolvedByReadingBack_oneTask() {
        vod.stub(vod.action(ACTION).willReturn(json(success("task-lost-answer", "r"))));
        cos.loseAnswers("/aigc-idempotency/", 1);

        assertEquals("created", status(deliver(upload)));
        assertEquals("duplicate", status(deliver(upload)));
        assertEquals(1, vod.requests().size());
    }

    @Test
    void storeUnavailable_failsClosedThenRedeliveryCreatesOnce() {
        vod.stub(vod.action(ACTION).willReturn(json(success("task-store", "r"))));
        cos.setUnavailable(true);

        // An outage longer than the store's retries can outlast within a 3 s invocation.
        FunctionHarness.Outcome one = new FunctionHarness(env).invoke(upload, 3_000);

        assertTrue(one.failed, "SCF must retry");
        assertEquals("IdempotencyStoreUnavailable", ((Map<?, ?>) first(one).get("error")).get("code"));
        assertEquals(0, vod.requests().size(), "no task without a claim");

        cos.setUnavailable(false);
        assertEquals("created", status(deliver(upload)));
        assertEquals("duplicate", status(deliver(upload)));
        assertEquals(1, vod.requests().size());
    }

    @Test
    void multiRecord_oneFailing_redeliveryCreatesOnlyTheMissingOne() {
        vod.stub(vod.action(ACTION).willReturn(json(success("task-ok", "r"))));
        vod.stub(vod.action(ACTION).withRequestBody(containing("voice.wav")).atPriority(1)
                .willReturn(json(error("InternalError", "x", "rv"))));
        Map<String, Object> event = FunctionHarness.load(Path.of("events/cos-multi-record.json"));
        env.put("AIGC_MAX_ATTEMPTS", "1");

        FunctionHarness.Outcome one = deliver(event);
        assertTrue(one.failed);
        // The newest stub of equal priority wins: the upstream fault is over.
        vod.stub(vod.action(ACTION).withRequestBody(containing("voice.wav")).atPriority(1)
                .willReturn(json(success("task-voice", "r"))));

        FunctionHarness.Outcome two = deliver(event);

        assertFalse(two.failed);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) two.result.get("results");
        assertEquals("duplicate", results.get(0).get("status"));
        assertEquals("created", results.get(1).get("status"));
        assertEquals("task-voice", results.get(1).get("taskId"));
        assertEquals("skipped", results.get(2).get("status"));
        long aCreates = vod.requests().stream().filter(r -> r.getBodyAsString().contains("incoming/a.mp4")).count();
        assertEquals(1, aCreates, "a.mp4 was created once, not again on redelivery");
    }

    @Test
    void timer_redelivered_createsOnce() {
        vod.stub(vod.action(ACTION).willReturn(json(success("task-timer", "r"))));
        Map<String, Object> tick = FunctionHarness.load(Path.of("events/timer-text-message.json"));
        assertEquals("created", deliver(tick).result.get("status"));
        assertEquals("duplicate", deliver(tick).result.get("status"));
        assertEquals(1, vod.requests().size());
    }

    @Test
    void completionWriteFailsOnce_isRetried_redeliveryReplaysTheTask() {
        vod.stub(vod.action(ACTION).willReturn(json(success("task-complete", "r"))));
        cos.failPuts("\"COMPLETED\"", 1);

        assertEquals("created", status(deliver(upload)));
        assertEquals(List.of("COMPLETED"), cos.statuses());
        cos.expireWindows();

        assertEquals("duplicate", status(deliver(upload)));
        assertEquals(1, vod.requests().size(), "one paid task");
    }

    @Test
    void completionWriteNeverSucceeds_nextDeliverySeesUnknownOutcome_neverRecreates() {
        vod.stub(vod.action(ACTION).willReturn(json(success("task-lost-record", "r"))));
        cos.failPuts("\"COMPLETED\"", 100, 403);

        assertEquals("created", status(deliver(upload)));
        assertEquals(List.of("SENDING"), cos.statuses());
        cos.expireWindows();

        FunctionHarness.Outcome later = deliver(upload);
        assertEquals("PreviousOutcomeUnknown", ((Map<?, ?>) first(later).get("error")).get("code"));
        assertFalse(later.failed, "an unknown outcome is not retried");
        assertEquals(1, vod.requests().size(), "never a second paid task");
    }

    @Test
    void holderDiesMidPost_redeliveryAfterTheWindow_neverRecreates() throws Exception {
        vod.stub(vod.action(ACTION).willReturn(json(success("task-dead-holder", "r")).withFixedDelay(10_000)));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // A 3 s invocation: the window in which the test kills the holder, before its POST gives up.
            Future<FunctionHarness.Outcome> dying = pool.submit(() -> new FunctionHarness(env).invoke(upload, 3_000));
            for (int i = 0; i < 200 && vod.requests().isEmpty(); i++) {
                Thread.sleep(20);
            }
            assertEquals(1, vod.requests().size(), "the POST is in flight");
            // The kill: the process can write nothing more (store gone for it) and stops when its POST gives up.
            cos.setUnavailable(true);
            dying.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        cos.setUnavailable(false);
        assertEquals(List.of("SENDING"), cos.statuses(), "the claim says the request may have left");
        cos.expireWindows();

        FunctionHarness.Outcome redelivery = deliver(upload);

        assertEquals("PreviousOutcomeUnknown", ((Map<?, ?>) first(redelivery).get("error")).get("code"));
        assertEquals(1, vod.requests().size(), "no second paid task");
    }

    @Test
    void holderDiesBeforeSending_redeliveryAfterTheWindow_createsTheTask() {
        vod.stub(vod.action(ACTION).willReturn(json(success("task-taken-over", "r"))));
        cos.failPuts("\"SENDING\"", 1, 403);
        cos.setUnavailable(false);

        FunctionHarness.Outcome first = deliver(upload);
        assertTrue(first.failed, "nothing sent: SCF retries");
        assertEquals(0, vod.requests().size());
        cos.expireWindows();

        assertEquals("created", status(deliver(upload)));
        assertEquals(1, vod.requests().size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void largeEvent_pastTheDeadline_leavesTheRestUnclaimedAndARedeliveryFinishes() {
        vod.stub(vod.action(ACTION).willReturn(json(success("task-many", "r")).withFixedDelay(150)));
        Map<String, Object> record = ((List<Map<String, Object>>) upload.get("Records")).get(0);
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String json = com.aigcaudio.json.Json.toString(record).replace("holiday.mp4", "clip-" + i + ".mp4");
            records.add(com.aigcaudio.json.Json.parse(json));
        }
        Map<String, Object> big = Map.of("Records", records);
        long started = System.currentTimeMillis();

        FunctionHarness.Outcome first = new FunctionHarness(env).invoke(big, 4_000);

        long deadline = started + 4_000 - 400;
        assertTrue(first.failed, "the unstarted records need a redelivery");
        List<Map<String, Object>> results = (List<Map<String, Object>>) first.result.get("results");
        long created = results.stream().filter(r -> "created".equals(r.get("status"))).count();
        long left = results.stream().filter(r -> r.get("error") != null
                && "DeadlineReached".equals(((Map<?, ?>) r.get("error")).get("code"))).count();
        assertTrue(created > 0 && left > 0 && created + left == 120, created + " created, " + left + " left");
        assertTrue(cos.lastRequestMillis() <= deadline + 200, "no store traffic after the deadline");

        List<FunctionHarness.Outcome> redeliveries = deliverLikeScf(big);
        assertFalse(redeliveries.get(redeliveries.size() - 1).failed);
        assertEquals(120, vod.requests().size(), "every upload got exactly one task");
    }

    @Test
    void orphanClaim_scfRetriesExhausted_theTrackerSweepStillCreatesTheTask() {
        vod.stub(vod.action(ACTION).willReturn(json(success("task-orphan", "r"))));
        // The holder dies between claim and send: the SENDING mark and the release both fail.
        cos.failPuts("\"SENDING\"", 1, 403);
        cos.failDeletes(1);

        List<FunctionHarness.Outcome> deliveries = deliverLikeScf(upload);

        assertEquals(3, deliveries.size(), "every retry lands inside the orphan's window");
        assertEquals("InProgress", ((Map<?, ?>) first(deliveries.get(2)).get("error")).get("code"));
        assertEquals(0, vod.requests().size());
        cos.expireWindows();

        FunctionHarness.Outcome tick = deliver(FunctionHarness.load(Path.of("events/timer-tracker.json")));

        assertEquals(1, ((Number) ((Map<?, ?>) tick.result.get("sweep")).get("redone")).intValue(),
                com.aigcaudio.json.Json.toString(tick.result));
        assertEquals(1, vod.requests().size(), "the upload got its task");
        assertEquals("duplicate", status(deliver(upload)), "and exactly one");
        assertEquals(1, vod.requests().size());
    }

    @Test
    void unknownOutcome_isReportedOnceByTheSweep_neverRecreated() {
        vod.stub(vod.action(ACTION).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        deliver(upload);
        cos.expireWindows();
        Map<String, Object> tickEvent = FunctionHarness.load(Path.of("events/timer-tracker.json"));

        FunctionHarness.Outcome first = deliver(tickEvent);
        FunctionHarness.Outcome second = deliver(tickEvent);

        assertEquals(1, ((Number) ((Map<?, ?>) first.result.get("sweep")).get("reportedUnknown")).intValue());
        assertEquals(0, ((Number) ((Map<?, ?>) second.result.get("sweep")).get("reportedUnknown")).intValue());
        assertEquals(1, vod.requests().size(), "never re-created");
    }
}
