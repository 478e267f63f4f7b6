package com.aigcaudio.platform.cli;

import com.aigcaudio.core.Service;
import com.aigcaudio.emulator.AigcEmulator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code invoke} as separate processes, 4 at a time against one endpoint, each while its connection warm-up may
 * still be answered: every one must print its result and exit. A hang is a process still alive after 30 s.
 * 20 processes in the suite; {@code bench/cli-exit.sh [N]} runs the same check with more (system property
 * {@code cli.exit.runs}) and prints the figures it writes to target/cli-exit.txt.
 */
class CliExitIT {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final int RUNS = Integer.getInteger("cli.exit.runs", 20);
    private static final int PARALLEL = 4;

    @Test
    void invoke_manyRuns4AtATime_everyProcessExits() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        long started = System.nanoTime();
        try (AigcEmulator emulator = AigcEmulator.start(Service.VOD)) {
            List<Future<Run>> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                runs.add(pool.submit(() -> invokeOnce(emulator.endpoint().toString())));
            }
            List<String> problems = new ArrayList<>();
            List<Long> millis = new ArrayList<>();
            for (Future<Run> run : runs) {
                Run done = run.get(120, TimeUnit.SECONDS);
                millis.add(done.millis);
                if (done.problem != null) {
                    problems.add(done.problem);
                }
            }
            writeFigures(millis, problems.size(), (System.nanoTime() - started) / 1_000_000);
            assertEquals(List.of(), problems);
        } finally {
            pool.shutdownNow();
        }
    }

    private static final class Run {
        final long millis;
        final String problem;

        Run(long millis, String problem) {
            this.millis = millis;
            this.problem = problem;
        }
    }

    /** A process that printed a created task and exited 0 has no problem; otherwise the problem says what happened. */
    private static Run invokeOnce(String endpoint) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "invoke", "events/cos-video-upload.json");
        builder.environment().put("AIGC_ENDPOINT", endpoint);
        // Every run a new upload as far as deduplication goes: per-process state.
        builder.environment().put("AIGC_STATE", "memory:");
        builder.environment().put("TENCENTCLOUD_SECRET_ID", AigcEmulator.CREDENTIALS.secretId());
        builder.environment().put("TENCENTCLOUD_SECRET_KEY", AigcEmulator.CREDENTIALS.secretKey());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Path stdout = Files.createTempFile("invoke", ".out");
        builder.redirectOutput(stdout.toFile());
        long started = System.nanoTime();
        Process process = builder.start();
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - started) / 1_000_000;
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        Files.delete(stdout);
        if (!exited) {
            process.destroyForcibly();
            return new Run(millis, "a process did not exit within 30 s; it printed: " + out);
        }
        if (!out.contains("\"status\":\"created\"")) {
            return new Run(millis, "no created task printed (exit " + process.exitValue() + "): " + out);
        }
        return new Run(millis, process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + out);
    }

    private static void writeFigures(List<Long> millis, int failed, long wallMillis) throws Exception {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        String figures = String.format("cli exit: %d processes, %d at a time, %d failed or hung; wall %d ms; "
                        + "per process min %d ms, median %d ms, max %d ms; %s%n", sorted.size(), PARALLEL, failed,
                wallMillis, sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "cli-exit.txt"), figures);
    }
}
