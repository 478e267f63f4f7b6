package com.aigcaudio.config;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** serverless.yml deploys what the code is, and every variable the code reads is in it and in README. */
class DocumentedVariablesTest {
    private static final Pattern VARIABLE = Pattern.compile("\"(AIGC_[A-Z_]+)\"");
    /** Only meaningful on the command line, not on SCF. */
    private static final Set<String> LOCAL_ONLY = Set.of("AIGC_LOCAL_TIME_LIMIT_MS", "AIGC_EMULATOR_RUNNING_MS",
            "AIGC_EMULATOR_DONE_MS", "AIGC_LOCAL_BASE_URL", "AIGC_SECRETS_MANAGER_ENDPOINT", "AIGC_IDEMPOTENCY_S3_ENDPOINT");
    /** Only meaningful on AWS Lambda: set in template.yaml (or documented there as optional), not serverless.yml. */
    private static final Set<String> AWS_ONLY = Set.of("AIGC_TENCENT_SECRET_ARN", "AIGC_IDEMPOTENCY_S3_BUCKET",
            "AIGC_IDEMPOTENCY_S3_PREFIX", "AIGC_IDEMPOTENCY_S3_REGION");

    private static Set<String> variablesInSource() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Matcher m = VARIABLE.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inputs() throws IOException {
        Map<String, Object> root = new Yaml().load(Files.readString(Path.of("serverless.yml")));
        assertEquals("scf", root.get("component"));
        return (Map<String, Object>) root.get("inputs");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> variables() throws IOException {
        Map<String, Object> environment = (Map<String, Object>) inputs().get("environment");
        Map<String, Object> raw = (Map<String, Object>) environment.get("variables");
        Map<String, String> env = new HashMap<>();
        raw.forEach((k, v) -> {
            assertTrue(v instanceof String, k + " must be quoted as a string in serverless.yml (SCF variables are text)");
            env.put(k, (String) v);
        });
        return env;
    }

    @Test
    void serverlessYml_handler_namesAPublicMethodOfAnExistingClass() throws Exception {
        Map<String, Object> inputs = inputs();
        assertEquals("Java11", inputs.get("runtime"));
        String[] handler = ((String) inputs.get("handler")).split("::");
        Class<?> type = Class.forName(handler[0]);
        Method method = type.getMethod(handler[1], Map.class, com.qcloud.scf.runtime.Context.class);
        assertNotNull(type.getConstructor(), "SCF builds the handler with its no-argument constructor");
        assertEquals(Map.class, method.getReturnType());
    }

    @Test
    @SuppressWarnings("unchecked")
    void serverlessYml_triggers_areCosTimerAndFunctionUrl() throws IOException {
        List<Map<String, Object>> events = (List<Map<String, Object>>) inputs().get("events");
        Set<String> kinds = events.stream().flatMap(e -> e.keySet().stream()).collect(Collectors.toSet());
        assertEquals(Set.of("cos", "timer", "http"), kinds);
        Map<String, String> env = variables();
        Map<String, Object> cos = (Map<String, Object>) ((Map<String, Object>) events.stream()
                .filter(e -> e.containsKey("cos")).findFirst().orElseThrow().get("cos")).get("parameters");
        Map<String, Object> filter = (Map<String, Object>) cos.get("filter");
        assertEquals(env.get("AIGC_COS_PREFIXES"), filter.get("prefix"), "the function checks the trigger's filter");
        assertEquals(env.get("AIGC_COS_SUFFIXES"), filter.get("suffix"));
        assertEquals("cos:ObjectCreated:*", cos.get("events"));
    }

    @Test
    void serverlessYmlVariables_formAValidConfiguration() throws IOException {
        Map<String, String> env = variables();
        FunctionConfig config = FunctionConfig.from(new Settings(env::get));
        assertEquals(IdempotencyConfig.StoreKind.COS, config.idempotency().store());
        assertEquals(MediaUrlSettings.Mode.PRESIGNED, config.mediaUrls().mode());
        assertEquals(5, config.client().requestsPerSecond(), "20 per second shared by 4 instances");
    }

    @Test
    void everyVariable_isDocumentedInReadmeAndServerlessYml() throws IOException {
        Set<String> names = variablesInSource();
        assertFalse(names.isEmpty());
        String readme = Files.readString(Path.of("README.md"));
        Map<String, String> deployed = variables();
        String samTemplate = Files.readString(Path.of("template.yaml"));
        for (String name : names) {
            assertTrue(readme.contains("`" + name + "`"), name + " is missing from README.md");
            if (AWS_ONLY.contains(name)) {
                assertTrue(samTemplate.contains(name), name + " is missing from template.yaml");
            } else if (!LOCAL_ONLY.contains(name)) {
                assertTrue(deployed.containsKey(name), name + " is missing from serverless.yml");
            }
        }
    }
}
