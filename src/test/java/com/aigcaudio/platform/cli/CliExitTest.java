package com.aigcaudio.platform.cli;

import com.aigcaudio.emulator.AigcEmulator;
import com.aigcaudio.tencent.client.Service;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code invoke} as separate processes, 4 at a time against one endpoint, each while its connection warm-up may
 * still be answered: every one must print its result and exit. A hang is a process still alive after 30 s.
 */
class CliExitTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final int RUNS = 200;
    private static final int PARALLEL = 4;

    @Test
    void invoke_200Runs4AtATime_everyProcessExits() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try (AigcEmulator emulator = AigcEmulator.start(Service.VOD)) {
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                runs.add(pool.submit(() -> invokeOnce(emulator.endpoint().toString())));
            }
            List<String> problems = new ArrayList<>();
            for (Future<String> run : runs) {
                String problem = run.get(120, TimeUnit.SECONDS);
                if (problem != null) {
                    problems.add(problem);
                }
            }
            assertEquals(List.of(), problems);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Null when the process printed a created task and exited 0; otherwise what went wrong. */
    private static String invokeOnce(String endpoint) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "invoke", "events/cos-video-upload.json");
        builder.environment().put("AIGC_ENDPOINT", endpoint);
        // Every run a new upload as far as deduplication goes: per-process state.
        builder.environment().put("AIGC_IDEMPOTENCY_STORE", "memory");
        builder.environment().put("TENCENTCLOUD_SECRET_ID", AigcEmulator.CREDENTIALS.secretId());
        builder.environment().put("TENCENTCLOUD_SECRET_KEY", AigcEmulator.CREDENTIALS.secretKey());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Path stdout = Files.createTempFile("invoke", ".out");
        builder.redirectOutput(stdout.toFile());
        Process process = builder.start();
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        Files.delete(stdout);
        if (!exited) {
            process.destroyForcibly();
            return "a process did not exit within 30 s; it printed: " + out;
        }
        assertTrue(out.contains("\"status\":\"created\""), out);
        return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + out;
    }
}
