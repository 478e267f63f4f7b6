package com.aigcaudio.config;

import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.function.FunctionConfig;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One registry of variables: the code reads no other AIGC_* name, docs/configuration.md documents each, the deploy
 * files set only registered ones (at most 20 each), and a replaced name stops the start naming its replacement.
 */
class DocumentedVariablesTest {
    private static final Pattern VARIABLE = Pattern.compile("\"(AIGC_[A-Z0-9_]+)\"");
    private static final Pattern DEPLOYED = Pattern.compile("^\\s*(AIGC_[A-Z0-9_]+):", Pattern.MULTILINE);

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

    private static Set<String> registered() {
        return Variables.all().stream().map(Variables.Variable::name).collect(Collectors.toCollection(TreeSet::new));
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
            assertTrue(v instanceof String, k
                    + " must be quoted as a string in serverless.yml (SCF variables are text)");
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
        FunctionConfig config = FunctionConfig.from(new Settings(variables()::get));
        assertEquals(Location.Kind.COS, config.state().location().kind());
        assertEquals(MediaUrlSettings.Mode.PRESIGNED, config.mediaUrls().mode());
        assertEquals(5, config.client().requestsPerSecond(), "20 per second shared by 4 instances");
    }

    @Test
    void theCodeReadsOnlyRegisteredNames_atMost46() throws IOException {
        Set<String> unregistered = new TreeSet<>(variablesInSource());
        unregistered.removeAll(registered());
        assertEquals(Set.of(), unregistered, "read in src/main/java but not in config.Variables");
        // 74 before the registry; 45 after it, plus AIGC_METRICS_NAMESPACE (issue 22).
        assertTrue(registered().size() <= 46, "registered: " + registered().size());
        assertThrows(IllegalArgumentException.class, () -> new Settings(name -> null).string("AIGC_NOT_REGISTERED"));
    }

    @Test
    void everyRegisteredVariable_isDocumentedInConfigurationMd() throws IOException {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        for (String name : registered()) {
            assertTrue(docs.contains("`" + name + "`"), name + " is missing from docs/configuration.md");
        }
        for (String old : Variables.replaced().keySet()) {
            assertTrue(docs.contains("`" + old + "`"), "replaced " + old + " is missing from docs/configuration.md");
        }
    }

    @Test
    void deployFiles_setOnlyRegisteredNames_atMost20Each() throws IOException {
        for (String file : List.of("serverless.yml", "template.yaml")) {
            Set<String> set = new TreeSet<>();
            Matcher m = DEPLOYED.matcher(Files.readString(Path.of(file)));
            while (m.find()) {
                set.add(m.group(1));
            }
            Set<String> unknown = new TreeSet<>(set);
            unknown.removeAll(registered());
            assertEquals(Set.of(), unknown, file + " sets names the code does not read");
            assertTrue(set.size() <= 20, file + " sets " + set.size() + " variables");
        }
    }

    @Test
    void readme_isShort_andNoPageUsesAReplacedName() throws IOException {
        assertTrue(Files.size(Path.of("README.md")) <= 12_000, "README.md: " + Files.size(Path.of("README.md")));
        List<Path> pages;
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            pages = docs.filter(p -> p.toString().endsWith(".md") && !p.endsWith("configuration.md"))
                    .collect(Collectors.toList());
        }
        pages.add(Path.of("README.md"));
        pages.add(Path.of("serverless.yml"));
        pages.add(Path.of("template.yaml"));
        for (Path page : pages) {
            String text = Files.readString(page);
            for (String old : Variables.replaced().keySet()) {
                assertTrue(!text.contains(old), page + " still names " + old);
            }
        }
    }

    @Test
    void aMalformedLocation_stopsTheStartWithACorrectExample() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> FunctionConfig.from(
                new Settings(Map.of("AIGC_STATE", "cos://my-bucket/")::get)));
        assertEquals("AIGC_STATE", e.variable());
        assertTrue(e.getMessage().contains("e.g. cos://state-1250000000.ap-guangzhou/"), e.getMessage());
    }

    @Test
    void aReplacedName_isFoundThroughTheListOfSetNames_asOnAPlatform() {
        Map<String, String> env = Map.of("AIGC_VOD_SUB_APP_ID", "1", "AIGC_STATE", "memory:");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> FunctionConfig.from(new Settings(env::get, env::keySet)));
        assertEquals("AIGC_VOD_SUB_APP_ID", e.variable());
        assertTrue(e.getMessage().contains("SubAppId"), e.getMessage());
        Map<String, String> current = Map.of("AIGC_STATE", "memory:", "PATH", "/usr/bin");
        assertEquals(Location.Kind.MEMORY, FunctionConfig.from(new Settings(current::get, current::keySet))
                .state().location().kind());
    }

    @Test
    void aReplacedName_stopsTheStartNamingItsReplacement() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> FunctionConfig.from(
                new Settings(Map.of("AIGC_IDEMPOTENCY_STORE", "cos", "AIGC_STATE", "memory:")::get)));
        assertEquals("AIGC_IDEMPOTENCY_STORE", e.variable());
        assertTrue(e.getMessage().contains("AIGC_STATE"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> FunctionConfig.from(
                new Settings(Map.of("AIGC_MODEL_NAME", "MiniMaxMusic", "AIGC_STATE", "memory:")::get)));
        assertTrue(e.getMessage().contains("AIGC_TASK_DEFAULTS") && e.getMessage().contains("ModelName"),
                e.getMessage());
    }
}
