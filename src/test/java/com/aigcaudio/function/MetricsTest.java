package com.aigcaudio.function;

import com.aigcaudio.core.ErrorClass;
import com.aigcaudio.core.Tally;
import com.aigcaudio.json.Json;
import com.aigcaudio.log.Logger;
import com.aigcaudio.submit.TaskOutcome;
import com.aigcaudio.testing.EmfSpecification;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.FunctionHarness;
import com.aigcaudio.testing.MutableClock;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.aigcaudio.testing.FakeTencentCloud.json;
import static com.aigcaudio.testing.FakeTencentCloud.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The summary each invocation writes: EMF on AWS, a plain line on SCF, counted where outcomes are decided. */
class MetricsTest {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final Map<String, String> env = FunctionHarness.fixtureEnv(vod);

    MetricsTest() {
        env.put("AIGC_STATE", "memory:");
        env.put("AIGC_RESULTS", "none");
        env.put("AIGC_LOG_LEVEL", "ERROR");
        env.put("AIGC_TRACKER_FIRST_CHECK_MS", "100");
    }

    @BeforeEach
    void quietestLevel() {
        // Metrics are written whatever the level.
        Logger.configure(new PrintStream(buffer, true, StandardCharsets.UTF_8), Logger.Level.ERROR);
    }

    @AfterEach
    void tearDown() {
        Logger.configure(System.out, Logger.Level.INFO);
        Logger.clearContext();
        vod.assertAllSignedAndClose();
    }

    private List<Map<?, ?>> lines(String message) {
        List<Map<?, ?>> found = new ArrayList<>();
        for (String line : buffer.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && line.contains("\"message\":\"" + message + "\"")) {
                found.add((Map<?, ?>) Json.parse(line));
            }
        }
        return found;
    }

    private Map<?, ?> lastSummary() {
        List<Map<?, ?>> summaries = lines(Metrics.SUMMARY);
        assertFalse(summaries.isEmpty(), buffer.toString(StandardCharsets.UTF_8));
        return summaries.get(summaries.size() - 1);
    }

    /** Valid by the EMF specification's rules, in the given namespace. */
    private static void assertEmf(Map<?, ?> line, String namespace) {
        assertEquals(List.of(), EmfSpecification.violations(line), line.toString());
        for (Object d : (List<?>) ((Map<?, ?>) line.get("_aws")).get("CloudWatchMetrics")) {
            assertEquals(namespace, ((Map<?, ?>) d).get("Namespace"));
        }
    }

    @Test
    void onAws_theSummaryIsEmbeddedMetricFormat_withFailuresByCodeOnLinesOfTheirOwn() {
        Tally tally = new Tally();
        tally.add(Tally.Count.TASKS_CREATED);
        tally.failed("ModelGenerateFailed");
        tally.failed("ModelGenerateFailed");
        tally.delivered(61_000);
        Logger.putContext("trigger", "timer");

        new Metrics("vod", "media-team", clock).publish(tally, true);

        Map<?, ?> summary = lastSummary();
        assertEmf(summary, "media-team");
        assertEquals(1, ((Number) summary.get("TasksCreated")).intValue());
        assertEquals(2, ((Number) summary.get("TasksFailed")).intValue());
        assertEquals(1, ((Number) summary.get("SoundtracksDelivered")).intValue());
        assertEquals(List.of(61_000), ((List<?>) summary.get("DeliveryLatency")).stream()
                .map(v -> ((Number) v).intValue()).collect(Collectors.toList()));
        assertEquals(1, ((Number) summary.get("ColdStart")).intValue());
        assertEquals("vod", summary.get("service"));
        Map<?, ?> byCode = lines("failed tasks by code").get(0);
        assertEmf(byCode, "media-team");
        assertEquals("ModelGenerateFailed", byCode.get("failureCode"));
        assertEquals(2, ((Number) byCode.get("TasksFailed")).intValue());
    }

    @Test
    void onScf_aPlainSummaryLine() {
        new Metrics("mps", null, clock).publish(new Tally(), false);

        Map<?, ?> summary = lastSummary();
        assertFalse(summary.containsKey("_aws"));
        assertEquals(0, ((Number) summary.get("TasksCreated")).intValue());
        assertEquals(0, ((Number) summary.get("ColdStart")).intValue());
        assertTrue(lines("failed tasks by code").isEmpty());
    }

    @Test
    void throughTheFunction_eachOutcomeIsCountedOnce() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success("task-m", "r"))));
        Map<String, Object> upload = FunctionHarness.load(Path.of("events/cos-video-upload.json"));
        FunctionHarness harness = new FunctionHarness(env, clock);

        harness.invoke(upload);
        Map<?, ?> created = lastSummary();
        assertEquals(1, ((Number) created.get("TasksCreated")).intValue());
        assertEquals("cos", created.get("trigger"));

        harness.invoke(upload);
        Map<?, ?> duplicate = lastSummary();
        assertEquals(0, ((Number) duplicate.get("TasksCreated")).intValue());
        assertEquals(1, ((Number) duplicate.get("DuplicatesSkipped")).intValue());
        assertEquals(0, ((Number) duplicate.get("ColdStart")).intValue());

        vod.stub(vod.action("DescribeTaskDetail").willReturn(json(
                FakeTencentCloud.finished(URI.create("https://example.com/a.mp3")))));
        clock.advance(Duration.ofSeconds(1));
        harness.invoke(FunctionHarness.load(Path.of("events/timer-tracker.json")));
        Map<?, ?> tracked = lastSummary();
        assertEquals(1, ((Number) tracked.get("SoundtracksDelivered")).intValue(), tracked.toString());
        assertTrue(((Number) ((List<?>) tracked.get("DeliveryLatency")).get(0)).longValue() >= 1000);
    }

    @Test
    void throughTheFunction_unknownOutcomesAndSpendRefusals() {
        env.put("AIGC_MAX_TASKS_PER_HOUR", "1");
        FunctionHarness harness = new FunctionHarness(env, clock);
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(WireMock.aResponse().withFault(
                Fault.CONNECTION_RESET_BY_PEER)));
        harness.invoke(FunctionHarness.load(Path.of("events/cos-video-upload.json")));
        Map<?, ?> unknown = lastSummary();
        assertEquals(1, ((Number) unknown.get("UnknownOutcomes")).intValue(), unknown.toString());
        assertEquals(0, ((Number) unknown.get("TasksFailed")).intValue(), "counted once: the UnknownOutcomes alarm");
        assertFalse(unknown.containsKey("failuresByCode"), unknown.toString());

        harness.invoke(FunctionHarness.load(Path.of("events/timer-json-message.json")));
        Map<?, ?> refused = lastSummary();
        assertEquals(1, ((Number) refused.get("SpendRefused")).intValue(), refused.toString());
        assertEquals(Map.of("SpendLimitReached", 1L), Map.copyOf((Map<?, ?>) refused.get("failuresByCode"))
                .entrySet().stream().collect(Collectors.toMap(e -> e.getKey(),
                        e -> ((Number) e.getValue()).longValue())));
    }

    /** 105 soundtracks in one tracker run: no EMF document carries more than 100 values of a metric, none is lost. */
    @Test
    void onAws_moreThanAHundredLatencies_areSplitAcrossValidDocuments() {
        Tally tally = new Tally();
        for (int i = 0; i < 105; i++) {
            tally.delivered(1_000L + i);
        }
        Logger.putContext("trigger", "timer");

        new Metrics("vod", "media-team", clock).publish(tally, false);

        List<Map<?, ?>> documents = new ArrayList<>(lines(Metrics.SUMMARY));
        documents.addAll(lines("delivery latencies"));
        int values = 0;
        for (Map<?, ?> document : documents) {
            assertEmf(document, "media-team");
            values += ((List<?>) document.get("DeliveryLatency")).size();
        }
        assertEquals(105, values);
        assertEquals(105, ((Number) lastSummary().get("SoundtracksDelivered")).intValue());
    }

    @Test
    void onAws_beforeTheTriggerIsKnown_onlyTheServiceDimension() {
        Tally tally = new Tally();
        tally.failed("SecretUnavailable");

        new Metrics("vod", "media-team", clock).publish(tally, true);

        Map<?, ?> summary = lastSummary();
        assertEmf(summary, "media-team");
        assertFalse(summary.containsKey("trigger"));
    }

    @Test
    void eachOutcome_countedOnce_deadlineAndHeldClaimsAreDeferred() {
        Tally tally = new Tally();
        TaskOutcome.failed("s", new TaskOutcome.Failure(ErrorClass.TRANSIENT, "DeadlineReached", "late", null, null),
                "x").countInto(tally);
        TaskOutcome.failed("s", new TaskOutcome.Failure(ErrorClass.TRANSIENT, "InProgress", "held", null, null),
                "x").countInto(tally);
        TaskOutcome.failed("s", new TaskOutcome.Failure(ErrorClass.UNKNOWN_OUTCOME, "Timeout", "lost", null, null),
                "x").countInto(tally);
        TaskOutcome.failed("s", new TaskOutcome.Failure(ErrorClass.FAILED, "ModelGenerateFailed", "no", null, null),
                "x").countInto(tally);

        assertEquals(2, tally.count(Tally.Count.DEFERRED));
        assertEquals(1, tally.count(Tally.Count.UNKNOWN_OUTCOMES));
        assertEquals(1, tally.count(Tally.Count.TASKS_FAILED));
        assertEquals(Map.of("ModelGenerateFailed", 1), tally.failuresByCode());
    }
}
