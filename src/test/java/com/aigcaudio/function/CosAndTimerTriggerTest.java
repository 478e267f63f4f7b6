package com.aigcaudio.function;

import com.aigcaudio.json.Json;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.FunctionHarness;
import com.aigcaudio.trigger.InvalidEventException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.aigcaudio.testing.FakeTencentCloud.error;
import static com.aigcaudio.testing.FakeTencentCloud.json;
import static com.aigcaudio.testing.FakeTencentCloud.success;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CosAndTimerTriggerTest {
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final Map<String, String> env = FunctionHarness.fixtureEnv(vod);

    @AfterEach
    void tearDown() {
        vod.assertAllSignedAndClose();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(FunctionHarness.Outcome outcome) {
        return (List<Map<String, Object>>) outcome.result.get("results");
    }

    @Test
    void cos_oneRecordRetryableFailure_othersDoneThenInvocationFails() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success("t-ok", "r-ok"))));
        vod.stub(vod.action("CreateAigcAudioTask").withRequestBody(containing("voice.wav")).atPriority(1)
                .willReturn(json(error("InternalError", "boom", "r-bad"))));

        FunctionHarness.Outcome outcome = new FunctionHarness(env)
                .invoke(FunctionHarness.load(Path.of("events/cos-multi-record.json")));

        assertTrue(outcome.failed, "SCF must retry the event");
        List<Map<String, Object>> results = results(outcome);
        assertEquals("created", results.get(0).get("status"));
        assertEquals("failed", results.get(1).get("status"));
        assertEquals("InternalError", ((Map<?, ?>) results.get(1).get("error")).get("code"));
        assertEquals(true, ((Map<?, ?>) results.get(1).get("error")).get("retryable"));
        assertEquals("skipped", results.get(2).get("status"));
        assertEquals(1 + 3, vod.requests().size(), "one create, three attempts at the failing one");
    }

    @Test
    void cos_unknownOutcome_isReportedNotRetried() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(aResponse().withStatus(200).withBody("{\"Resp")));

        FunctionHarness.Outcome outcome = new FunctionHarness(env)
                .invoke(FunctionHarness.load(Path.of("events/cos-video-upload.json")));

        assertFalse(outcome.failed, "a redelivery could create a second paid task");
        Map<?, ?> error = (Map<?, ?>) results(outcome).get(0).get("error");
        assertEquals("unknown_outcome", error.get("class"));
        assertEquals(1, vod.requests().size());
    }

    @Test
    void cos_contentRejected_isFailedButNotRetried() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(error("InvalidParameter.ViolationContent", "no",
                "r"))));

        FunctionHarness.Outcome outcome = new FunctionHarness(env)
                .invoke(FunctionHarness.load(Path.of("events/cos-video-upload.json")));

        assertFalse(outcome.failed);
        assertEquals("failed", results(outcome).get(0).get("status"));
    }

    @Test
    void cos_malformedRecordAmongGoodOnes_getsItsOwnOutcomeAndRepeatIsDuplicate() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success("t-ok", "r-ok"))));
        Map<String, Object> event = FunctionHarness.load(Path.of("events/cos-video-upload.json"));
        @SuppressWarnings("unchecked")
        List<Object> records = (List<Object>) event.get("Records");
        event.put("Records", List.of(records.get(0), Map.of("cos", Map.of("cosObject", Map.of())), records.get(0)));

        FunctionHarness.Outcome outcome = new FunctionHarness(env).invoke(event);

        List<Map<String, Object>> results = results(outcome);
        assertEquals("created", results.get(0).get("status"));
        assertEquals("failed", results.get(1).get("status"));
        assertTrue(((String) ((Map<?, ?>) results.get(1).get("error")).get("message")).contains("Records[1]"));
        assertEquals("duplicate", results.get(2).get("status"), "the same upload twice in one event");
        assertEquals("t-ok", results.get(2).get("taskId"));
        assertEquals(1, vod.requests().size());
    }

    @Test
    void cos_objectInOutputLocation_neverCallsApi() {
        FunctionHarness.Outcome outcome = new FunctionHarness(env)
                .invoke(FunctionHarness.load(Path.of("events/cos-output-prefix.json")));
        assertEquals("skipped", results(outcome).get(0).get("status"));
        assertEquals(0, vod.requests().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"Records\":[]}", "{\"Records\":\"x\"}", "{\"Records\":[{\"sns\":{}}]}",
            "{\"foo\":1}", "{\"Type\":\"Cron\"}"})
    void invoke_unrecognisedEvent_failsWithClearMessageAndNoCall(String event) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) Json.parse(event);
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> new FunctionHarness(env).invoke(map));
        assertFalse(e.getMessage().isEmpty());
        assertEquals(0, vod.requests().size());
    }

    @Test
    void timer_invalidJsonMessage_failsTheRecordNamingMessageWithoutRetry() {
        Map<String, Object> event = Map.of("Type", "Timer", "TriggerName", "t", "Time", "2026-01-01T00:00:00Z",
                "Message", "{\"Prompt\": oops}");
        FunctionHarness.Outcome outcome = new FunctionHarness(env).invoke(event);
        assertFalse(outcome.failed, "a permanent error is not retried by SCF");
        assertEquals("failed", outcome.result.get("status"));
        assertEquals("Message", ((Map<?, ?>) outcome.result.get("error")).get("field"));
        assertEquals(0, vod.requests().size());
    }

    @Test
    void timer_emptyMessageWithPlainDefaultPrompt_createsTask() {
        env.put("AIGC_PROMPT", "Morning jingle for {trigger}");
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success("t-timer", "r"))));
        Map<String, Object> event = Map.of("Type", "Timer", "TriggerName", "daily", "Time", "2026-01-01T00:00:00Z",
                "Message", "");

        FunctionHarness.Outcome outcome = new FunctionHarness(env).invoke(event);

        assertEquals("created", outcome.result.get("status"));
        assertTrue(vod.requests().get(0).getBodyAsString().contains("\"Prompt\":\"Morning jingle for daily\""));
    }

    @Test
    void timer_throttledThroughout_failsRetryably() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(error("RequestLimitExceeded", "slow", "r"))));
        env.put("AIGC_MAX_ATTEMPTS", "1");
        FunctionHarness.Outcome outcome = new FunctionHarness(env)
                .invoke(FunctionHarness.load(Path.of("events/timer-text-message.json")));
        assertTrue(outcome.failed);
        assertEquals(1, vod.requests().size());
    }

    @Test
    void dryRun_plansValidatesAndLogsWithoutAnyCallOrRecord() {
        env.put("AIGC_DRY_RUN", "true");
        try (com.aigcaudio.testing.LogCapture logs = new com.aigcaudio.testing.LogCapture()) {
            FunctionHarness.Outcome outcome = new FunctionHarness(env).invoke(
                    FunctionHarness.load(Path.of("events/cos-video-upload.json")));

            Map<?, ?> first = (Map<?, ?>) ((List<?>) outcome.result.get("results")).get(0);
            assertEquals("planned", first.get("status"));
            assertFalse(outcome.failed);
            assertEquals(0, vod.requests().size(), "nothing sent");
            String text = logs.text();
            assertTrue(text.contains("dry run: task planned"), text);
            assertTrue(text.contains("VideoInfos") && text.contains("q-sign-algorithm=sha1"), text);
            assertFalse(text.matches("(?s).*q-signature=[0-9a-f]{40}.*"), "presigned signatures are blanked: " + text);
        }
    }
}
