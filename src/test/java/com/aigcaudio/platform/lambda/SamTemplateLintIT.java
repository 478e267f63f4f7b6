package com.aigcaudio.platform.lambda;

import com.aigcaudio.testing.ExternalProgram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * template.yaml is a valid SAM template for the runtime it deploys (java21), as cfn-lint checks it on the build
 * machines, and cfn-lint here does catch a broken one. One cfn-lint run lints both (each run costs seconds).
 */
class SamTemplateLintIT {
    private static final Path TEMPLATE = Path.of("template.yaml");

    @BeforeAll
    static void requireCfnLint() {
        ExternalProgram.requireCommand("cfn-lint", "pip install cfn-lint");
    }

    @Test
    void cfnLint_templateIsClean_andABrokenCopyIsCaught(@TempDir Path dir) throws Exception {
        String template = Files.readString(TEMPLATE);
        assertTrue(template.contains("Runtime: java21"), "the runtime the code is built and tested for");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, template.replace("Type: S3\n", "Type: S4\n"));
        List<String> findings = lint(TEMPLATE, broken);
        List<String> ours = new ArrayList<>();
        List<String> brokenErrors = new ArrayList<>();
        for (String finding : findings) {
            if (finding.startsWith(broken.toString() + ":")) {
                if (finding.substring(broken.toString().length()).matches(":\\d+:\\d+:\\d+:\\d+:E\\d+:.*")) {
                    brokenErrors.add(finding);
                }
            } else {
                ours.add(finding);
            }
        }
        assertEquals(List.of(), ours, "template.yaml has findings");
        assertTrue(!brokenErrors.isEmpty(), "cfn-lint missed an unknown event type: " + findings);
    }

    /** cfn-lint's findings, one per line, in its parseable format (file:line:col:endline:endcol:rule:message). */
    private static List<String> lint(Path... templates) throws Exception {
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable"));
        for (Path template : templates) {
            command.add(template.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        List<String> findings = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                findings.add(line);
            }
        }
        return findings;
    }
}
