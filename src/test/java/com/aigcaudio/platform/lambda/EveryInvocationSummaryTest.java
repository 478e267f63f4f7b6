package com.aigcaudio.platform.lambda;

import com.aigcaudio.aws.secrets.SecretUnavailableException;
import com.aigcaudio.config.Settings;
import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.Invocation;
import com.aigcaudio.function.AigcAudioFunction;
import com.aigcaudio.function.FunctionConfig;
import com.aigcaudio.json.Json;
import com.aigcaudio.testing.EmfSpecification;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.LambdaTestContext;
import com.aigcaudio.testing.FunctionHarness;
import com.aigcaudio.testing.LogCapture;
import com.aigcaudio.testing.RealS3;
import com.aigcaudio.trigger.InvalidEventException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * However an invocation ends, it leaves its summary line, in valid EMF, with a failure code, so the template's
 * TasksFailed alarm sees a broken secret or configuration, not silence.
 */
class EveryInvocationSummaryTest {
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");

    @AfterEach
    void stop() {
        vod.assertAllSignedAndClose();
    }

    private Map<String, String> env() {
        Map<String, String> env = FunctionHarness.fixtureEnv(vod);
        env.put("AWS_ACCESS_KEY_ID", RealS3.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", RealS3.SECRET_KEY);
        env.put("AWS_REGION", "eu-west-1");
        env.put("TENCENTCLOUD_SECRET_ID", FakeTencentCloud.SECRET_ID);
        env.put("TENCENTCLOUD_SECRET_KEY", FakeTencentCloud.SECRET_KEY);
        return env;
    }

    private static LambdaHandler handler(Map<String, String> env) {
        Settings settings = new Settings(env::get);
        Clock clock = Clock.systemUTC();
        return new LambdaHandler(() -> LambdaInstance.from(settings, FunctionConfig.from(settings), clock, null),
                clock);
    }

    private static void invoke(LambdaHandler handler, String event) throws Exception {
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), new LambdaTestContext("req-summary", 30_000));
    }

    private static List<Map<?, ?>> lines(LogCapture log, String message) {
        List<Map<?, ?>> found = new ArrayList<>();
        for (String line : log.text().split("\n")) {
            if (line.contains("\"message\":\"" + message + "\"")) {
                found.add((Map<?, ?>) Json.parse(line));
            }
        }
        return found;
    }

    /** One summary, valid EMF, TasksFailed 1 under {@code code}, with the invocation's request id. */
    private static Map<?, ?> assertOneFailureSummary(LogCapture log, String code) {
        List<Map<?, ?>> summaries = lines(log, "invocation summary");
        assertEquals(1, summaries.size(), log.text());
        Map<?, ?> summary = summaries.get(0);
        assertEquals(List.of(), EmfSpecification.violations(summary), summary.toString());
        assertEquals(1, ((Number) summary.get("TasksFailed")).intValue(), summary.toString());
        assertEquals(Map.of(code, 1L), Map.of(code, ((Number) ((Map<?, ?>) summary.get("failuresByCode"))
                .get(code)).longValue()));
        assertEquals("req-summary", summary.get("function_request_id"));
        Map<?, ?> byCode = lines(log, "failed tasks by code").get(0);
        assertEquals(List.of(), EmfSpecification.violations(byCode), byCode.toString());
        assertEquals(code, byCode.get("failureCode"));
        return summary;
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "{not json", "{\"Records\":[{\"eventSource\":\"aws:sqs\",\"body\":\"x\"}]}",
            "{\"version\":\"1.0\",\"requestContext\":{\"condition\":\"RetriesExhausted\"},\"requestPayload\":{}}"})
    void anEventOfNoShapeWeHandle_isAnInvalidEventWithItsSummary(String event) throws Exception {
        LambdaHandler handler = handler(env());
        try (LogCapture log = new LogCapture()) {
            assertThrows(InvalidEventException.class, () -> invoke(handler, event));
            assertOneFailureSummary(log, "InvalidEvent");
        }
        assertEquals(0, vod.requests().size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSecretThatCannotBeRead_failsEveryInvocation_andTripsTheTemplatesTasksFailedAlarm() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Map<String, String> env = env();
        env.remove("TENCENTCLOUD_SECRET_ID");
        env.remove("TENCENTCLOUD_SECRET_KEY");
        env.put("AIGC_TENCENT_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:aigc/tencent-AbCdEf");
        env.put("AIGC_SECRETS_MANAGER_ENDPOINT", "http://127.0.0.1:" + closed + "/");
        LambdaHandler handler = handler(env);
        Map<?, ?> summary;
        try (LogCapture log = new LogCapture()) {
            assertThrows(SecretUnavailableException.class, () -> invoke(handler,
                    Files.readString(Path.of("events", "aws-s3-put.json"))));
            summary = assertOneFailureSummary(log, "SecretUnavailable");
        }

        Map<String, Object> resources = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(
                Files.readString(Path.of("template.yaml")))).get("Resources");
        Map<String, Object> alarm = (Map<String, Object>) ((Map<String, Object>) resources.get("TasksFailedAlarm"))
                .get("Properties");
        List<String> alarmDimensions = new ArrayList<>();
        for (Object d : (List<?>) alarm.get("Dimensions")) {
            alarmDimensions.add((String) ((Map<?, ?>) d).get("Name"));
        }
        Map<?, ?> directive = (Map<?, ?>) ((List<?>) ((Map<?, ?>) summary.get("_aws")).get("CloudWatchMetrics")).get(0);
        assertEquals(alarm.get("Namespace"), directive.get("Namespace"));
        assertTrue(((List<?>) directive.get("Dimensions")).contains(alarmDimensions), directive.toString());
        assertTrue(((List<?>) directive.get("Metrics")).stream().anyMatch(m -> alarm.get("MetricName")
                .equals(((Map<?, ?>) m).get("Name"))), directive.toString());
        assertTrue(((Number) summary.get((String) alarm.get("MetricName"))).doubleValue()
                > ((Number) alarm.get("Threshold")).doubleValue(), "the alarm's threshold is passed");
    }

    @Test
    void aConfigurationThatCannotStart_failsEveryInvocationWithItsSummary() throws Exception {
        Map<String, String> env = env();
        env.put("AIGC_TENCENT_SECRET_ARN", "aigc/tencent");
        LambdaHandler handler;
        try (LogCapture log = new LogCapture()) {
            handler = handler(env);
            assertTrue(log.text().contains("the function cannot start"), log.text());
        }
        for (int i = 0; i < 2; i++) {
            try (LogCapture log = new LogCapture()) {
                LambdaHandler started = handler;
                ConfigurationException e = assertThrows(ConfigurationException.class, () -> invoke(started,
                        Files.readString(Path.of("events", "aws-s3-put.json"))));
                assertTrue(e.getMessage().contains("AIGC_TENCENT_SECRET_ARN"), e.getMessage());
                assertOneFailureSummary(log, "ConfigurationInvalid");
            }
        }
        assertEquals(0, vod.requests().size());
    }

    @Test
    void noTencentKeyAndNoSecret_namesTheSecretVariable() throws Exception {
        Map<String, String> env = env();
        env.remove("TENCENTCLOUD_SECRET_ID");
        env.remove("TENCENTCLOUD_SECRET_KEY");
        LambdaHandler handler = handler(env);
        try (LogCapture log = new LogCapture()) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> invoke(handler, "{}"));
            assertEquals("AIGC_TENCENT_SECRET_ARN", e.variable());
            assertOneFailureSummary(log, "ConfigurationInvalid");
        }
    }

    /** On SCF (no namespace): a start that failed answers each invocation with a plain summary line and its code. */
    @Test
    void onScf_aStartThatFailed_writesAPlainSummaryEachInvocation() {
        AigcAudioFunction failed = AigcAudioFunction.failedStart(new ConfigurationException("AIGC_STATE", "unset"),
                Settings.of(Map.of("AIGC_SERVICE", "mps")), null, Clock.systemUTC());
        try (LogCapture log = new LogCapture()) {
            assertThrows(ConfigurationException.class, () -> failed.invoke(Map.of(),
                    new Invocation("scf-req", Deadline.after(Clock.systemUTC(), Duration.ofSeconds(3)), true)));
            Map<?, ?> summary = lines(log, "invocation summary").get(0);
            assertEquals("mps", summary.get("service"));
            assertEquals(1, ((Number) summary.get("TasksFailed")).intValue());
            assertEquals(1, ((Number) ((Map<?, ?>) summary.get("failuresByCode")).get("ConfigurationInvalid"))
                    .intValue());
            assertTrue(!summary.containsKey("_aws"), summary.toString());
        }
    }
}
