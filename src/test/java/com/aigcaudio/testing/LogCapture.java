package com.aigcaudio.testing;

import com.aigcaudio.log.Logger;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Sends log lines to a buffer at DEBUG for the duration of a test. */
public final class LogCapture implements AutoCloseable {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    public LogCapture() {
        Logger.configure(new PrintStream(buffer, true, StandardCharsets.UTF_8), Logger.Level.DEBUG);
    }

    public String text() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        Logger.configure(System.out, Logger.Level.INFO);
        Logger.clearContext();
    }
}
