package com.aigcaudio.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every variable the code reads is in README's table and in template.yaml, so none is undocumented. */
class DocumentedVariablesTest {
    private static final Pattern VARIABLE = Pattern.compile("\"(AIGC_[A-Z_]+)\"");
    /** Only meaningful on the command line, not on SCF. */
    private static final Set<String> LOCAL_ONLY = Set.of("AIGC_LOCAL_TIME_LIMIT_MS");

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

    @Test
    void templateVariables_formAValidConfiguration() throws IOException {
        Map<String, String> env = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^ {12}([A-Z_]+): '?([^'\\n]*)'?$").matcher(Files.readString(Path.of("template.yaml")));
        while (m.find()) {
            env.put(m.group(1), m.group(2));
        }
        assertTrue(env.size() > 30, "variables read from template.yaml: " + env.keySet());
        FunctionConfig config = FunctionConfig.from(new Settings(env::get));
        assertEquals("aigc-output/", env.get("AIGC_COS_OUTPUT_PREFIX"));
        assertEquals(IdempotencyConfig.StoreKind.COS, config.idempotency().store());
    }

    @Test
    void everyVariable_isDocumentedInReadmeAndTemplate() throws IOException {
        Set<String> names = variablesInSource();
        assertFalse(names.isEmpty());
        String readme = Files.readString(Path.of("README.md"));
        String template = Files.readString(Path.of("template.yaml"));
        for (String name : names) {
            assertTrue(readme.contains("`" + name + "`"), name + " is missing from README.md");
            if (!LOCAL_ONLY.contains(name)) {
                assertTrue(template.contains(name + ":"), name + " is missing from template.yaml");
            }
        }
    }
}
