package com.aigcaudio.platform.lambda;

import com.aigcaudio.config.Settings;
import com.aigcaudio.function.FunctionConfig;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** template.yaml deploys what the code is (cfn-lint's validation is {@link SamTemplateLintIT}). */
class SamTemplateTest {
    private static final Path TEMPLATE = Path.of("template.yaml");
    @SuppressWarnings("unchecked")
    private static Map<String, Object> function() throws IOException {
        Map<String, Object> root = new Yaml().load(Files.readString(TEMPLATE));
        assertEquals("AWS::Serverless-2016-10-31", root.get("Transform"));
        Map<String, Object> resource = (Map<String, Object>) ((Map<String, Object>) root.get("Resources")).get(
                "AigcAudioFunction");
        assertEquals("AWS::Serverless::Function", resource.get("Type"));
        return (Map<String, Object>) resource.get("Properties");
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Map<String, Object> map, String... path) {
        Object value = map;
        for (String key : path) {
            value = ((Map<String, Object>) value).get(key);
            assertNotNull(value, String.join(".", path));
        }
        return (T) value;
    }

    @Test
    void function_handlerRuntimeAndSnapStart_matchTheCode() throws Exception {
        Map<String, Object> f = function();
        assertEquals("java21", f.get("Runtime"));
        String[] handler = ((String) f.get("Handler")).split("::");
        Class<?> type = Class.forName(handler[0]);
        assertTrue(RequestStreamHandler.class.isAssignableFrom(type));
        Method method = type.getMethod(handler[1], InputStream.class, OutputStream.class, Context.class);
        assertTrue(Modifier.isPublic(method.getModifiers()));
        assertTrue(Modifier.isPublic(type.getConstructor().getModifiers()),
                "the runtime needs a public no-arg constructor");
        assertEquals("target/aigc-audio-function.jar", f.get("CodeUri"));
        assertEquals("PublishedVersions", at(f, "SnapStart", "ApplyOn"));
        assertNotNull(f.get("AutoPublishAlias"), "SnapStart applies only to published versions");
        assertEquals(30, f.get("Timeout"));
    }

    @Test
    void eventInvokeConfig_retriesWithinSixHours_thenAFailureDestination() throws Exception {
        Map<String, Object> f = function();
        assertEquals(2, (int) at(f, "EventInvokeConfig", "MaximumRetryAttempts"));
        assertEquals(21600, (int) at(f, "EventInvokeConfig", "MaximumEventAgeInSeconds"));
        assertEquals("SQS", at(f, "EventInvokeConfig", "DestinationConfig", "OnFailure", "Type"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void events_s3HttpApiAndSchedules_agreeWithTheVariables() throws Exception {
        Map<String, Object> f = function();
        Map<String, String> env = environment(f);
        Map<String, Object> events = (Map<String, Object>) f.get("Events");
        List<Map<String, String>> rules = at(events, "Uploads", "Properties", "Filter", "S3Key", "Rules");
        assertEquals("S3", at(events, "Uploads", "Type"));
        assertEquals(Map.of("Name", "prefix", "Value", env.get("AIGC_COS_PREFIXES")), rules.get(0));
        assertEquals(Map.of("Name", "suffix", "Value", env.get("AIGC_COS_SUFFIXES")), rules.get(1));
        assertEquals("HttpApi", at(events, "CreateTask", "Type"));
        // The routes and the tracker's rule use the defaults the function has when nothing is set.
        FunctionConfig config = FunctionConfig.from(new Settings(env::get));
        assertEquals(config.http().path(), at(events, "CreateTask", "Properties", "Path"));
        assertEquals(config.http().path() + "/{id}", at(events, "TaskStatus", "Properties", "Path"));
        assertEquals(config.http().path() + "/{id}/result", at(events, "TaskResult", "Properties", "Path"));
        assertEquals("/", at(events, "Page", "Properties", "Path"));
        assertEquals("GET", at(events, "Page", "Properties", "Method"));
        assertEquals("Schedule", at(events, "Tracker", "Type"));
        assertEquals(config.tracking().trackerTrigger(), at(events, "Tracker", "Properties", "Name"));
        String input = at(events, "MorningJingle", "Properties", "Input");
        assertTrue(input.contains("\"Type\":\"Timer\"") && input.contains("<aws.scheduler.scheduled-time>"), input);
    }

    @Test
    @SuppressWarnings("unchecked")
    void policies_leastPrivilege_noWildcardActionsOrResources() throws Exception {
        List<Object> policies = (List<Object>) function().get("Policies");
        for (Object policy : policies) {
            Map<String, Object> p = (Map<String, Object>) policy;
            if (!p.containsKey("Statement")) {
                assertEquals(List.of("SQSSendMessagePolicy"), new ArrayList<>(p.keySet()));
                continue;
            }
            for (Map<String, Object> statement : (List<Map<String, Object>>) p.get("Statement")) {
                Object actions = statement.get("Action");
                for (Object action : actions instanceof List ? (List<?>) actions : List.of(actions)) {
                    assertFalse(String.valueOf(action).contains("*"), "wildcard action " + action);
                }
                assertFalse("*".equals(statement.get("Resource")), "wildcard resource in " + statement);
            }
        }
    }

    @Test
    void environment_formsAValidLambdaConfiguration() throws Exception {
        Map<String, String> env = environment(function());
        FunctionConfig config = FunctionConfig.from(new Settings(env::get));
        assertEquals(com.aigcaudio.config.Location.Kind.S3, config.state().location().kind());
        assertEquals("https://stack-state-123456789012.s3.eu-west-1.amazonaws.com/",
                config.state().location().endpoint().toString());
        assertEquals("stack-state-123456789012", config.tracking().results().bucket());
    }

    /** A Ref, or an Fn::Sub of ${Name} references, as CloudFormation would resolve it. */
    private static String resolve(Map<String, Object> function, Map<String, String> refs) {
        if (function.containsKey("Ref")) {
            return refs.get((String) function.get("Ref"));
        }
        String text = (String) function.get("Fn::Sub");
        for (Map.Entry<String, String> ref : refs.entrySet()) {
            text = text.replace("${" + ref.getKey() + "}", ref.getValue());
        }
        return text;
    }

    /** The variables with each Ref replaced by what CloudFormation would put there. */
    @SuppressWarnings("unchecked")
    static Map<String, String> environment(Map<String, Object> function) {
        Map<String, Object> raw = at(function, "Environment", "Variables");
        Map<String, String> refs = Map.of("AigcService", "vod", "TencentRegion", "ap-guangzhou",
                "TencentSecretArn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:aigc-AbCdEf",
                "TaskDefaults", "{\"ModelName\":\"MiniMaxMusic\",\"SubAppId\":251441341}",
                "HttpToken", "a-long-random-token-of-32-chars!",
                "StateBucket", "stack-state-123456789012");
        Map<String, String> env = new HashMap<>();
        raw.forEach((name, value) -> env.put(name, value instanceof Map ? resolve((Map<String, Object>) value, refs)
                : String.valueOf(value)));
        env.put("AWS_REGION", "eu-west-1");
        return env;
    }

    /** The alarms watch metrics the function writes, in the namespace it writes them to, and notify the topic. */
    @Test
    @SuppressWarnings("unchecked")
    void alarms_onUnknownOutcomesAndFailedTasks_watchTheMetricsTheFunctionWrites() throws Exception {
        Map<String, Object> resources = at(new Yaml().load(Files.readString(TEMPLATE)), "Resources");
        Map<String, String> watched = new HashMap<>();
        for (Object value : resources.values()) {
            Map<String, Object> resource = (Map<String, Object>) value;
            if ("AWS::CloudWatch::Alarm".equals(resource.get("Type"))) {
                Map<String, Object> p = (Map<String, Object>) resource.get("Properties");
                watched.put((String) p.get("MetricName"), (String) p.get("Namespace"));
                assertEquals(Map.of("Ref", "AlarmTopicArn"), ((List<Object>) p.get("AlarmActions")).get(0));
                assertEquals(0, ((Number) p.get("Threshold")).intValue());
                assertEquals("service", ((Map<String, Object>) ((List<Object>) p.get("Dimensions")).get(0)).get(
                        "Name"));
            }
        }
        String namespace = com.aigcaudio.config.Variables.all().stream()
                .filter(v -> v.name().equals("AIGC_METRICS_NAMESPACE")).findFirst().orElseThrow().fallback();
        assertEquals(Map.of("UnknownOutcomes", namespace, "TasksFailed", namespace), watched);
        for (String metric : watched.keySet()) {
            boolean written = false;
            for (com.aigcaudio.core.Tally.Count count : com.aigcaudio.core.Tally.Count.values()) {
                written |= count.metric().equals(metric);
            }
            assertTrue(written, metric + " is a metric the function writes");
        }
    }
}
