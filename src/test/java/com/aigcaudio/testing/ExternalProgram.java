package com.aigcaudio.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A program a test needs from the machine (Chromium, cfn-lint). Missing outside CI: the test is skipped with one
 * line saying what to install. Missing with {@code CI=true} (as {@code .ci/run} runs): the test fails.
 */
public final class ExternalProgram {
    private ExternalProgram() {
    }

    /** Requires executable files at these absolute paths. */
    public static void requireFiles(String install, String... paths) {
        for (String path : paths) {
            if (!Files.isExecutable(Path.of(path))) {
                missing(path, install);
            }
        }
    }

    /** Requires a command on PATH that answers {@code --version} with exit code 0 within 60 s. */
    public static void requireCommand(String command, String install) {
        if (!answersVersion(command)) {
            missing(command, install);
        }
    }

    static boolean answersVersion(String command) {
        try {
            Process process = new ProcessBuilder(command, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (Exception e) {
            return false;
        } 
    }

    private static void missing(String what, String install) {
        String message = what + " is missing: " + install;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " (required when CI=true)");
        }
        QuietOutput.console().println("[SKIPPED] " + message);
        Assumptions.abort(message);
    }
}
