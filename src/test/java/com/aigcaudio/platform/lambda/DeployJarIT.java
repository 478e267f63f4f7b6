package com.aigcaudio.platform.lambda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * aws-lambda-java-core is provided by the Lambda runtime, not carried: the deploy jar has none of its classes, and
 * the command line still runs an AWS event through the Lambda invoker with that jar alone on the class path.
 */
class DeployJarIT {
    private static final Path JAR = Path.of("target", "aigc-audio-function.jar");

    @Test
    void deployJar_carriesNoLambdaRuntimeClasses_butTheHandler() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = Collections.list(jar.entries()).stream().map(JarEntry::getName)
                    .collect(Collectors.toList());
            assertEquals(List.of(), names.stream().filter(n -> n.startsWith("com/amazonaws/"))
                    .collect(Collectors.toList()));
            assertTrue(names.contains("com/aigcaudio/platform/lambda/LambdaHandler.class"));
        }
    }

    @Test
    void theJarAlone_runsAnAwsEventOnTheEmulator(@TempDir Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), "invoke", Path.of("events", "aws-s3-put.json")
                .toAbsolutePath().toString()).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AIGC_") || name.startsWith("TENCENTCLOUD_"));
        builder.environment().put("AIGC_STATE", "file:" + dir.resolve("state"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("through the Lambda handler") && output.contains("\"status\":\"created\""), output);
        assertTrue(Files.isDirectory(dir.resolve("state")));
    }
}
