package com.aigcaudio.testing;

import com.aigcaudio.log.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Registered for every test (META-INF/services): whatever a test class prints (the code's JSON log lines, servers'
 * and libraries' output) is kept in memory and written to the console only for a test or class that fails, so a
 * green build prints Maven's lines and nothing else.
 */
public final class QuietOutput implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private static final PrintStream CONSOLE_OUT = System.out;
    private static final PrintStream CONSOLE_ERR = System.err;
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(QuietOutput.class);

    /** The real standard error, for the one line a skipped test owes the reader. */
    public static PrintStream console() {
        return CONSOLE_ERR;
    }

    private static final class Buffer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        boolean failed;

        void install() {
            System.setOut(stream);
            System.setErr(stream);
            Logger.configure(stream, Logger.Level.INFO);
        }

        void dump(String what) {
            String text = bytes.toString(StandardCharsets.UTF_8);
            if (!text.isEmpty()) {
                CONSOLE_ERR.println("---- output of " + what + " ----");
                CONSOLE_ERR.print(text);
                CONSOLE_ERR.println("---- end of " + what + " ----");
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Buffer buffer = new Buffer();
        context.getStore(NS).put("class", buffer);
        buffer.install();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Buffer buffer = new Buffer();
        context.getStore(NS).put("test", buffer);
        buffer.install();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Buffer test = context.getStore(NS).remove("test", Buffer.class);
        Buffer owner = classBuffer(context);
        if (context.getExecutionException().isPresent()) {
            test.dump(context.getDisplayName() + " in " + context.getRequiredTestClass().getSimpleName());
            owner.failed = true;
        }
        owner.install();
        Logger.clearContext();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Buffer buffer = context.getStore(NS).remove("class", Buffer.class);
        System.setOut(CONSOLE_OUT);
        System.setErr(CONSOLE_ERR);
        Logger.configure(CONSOLE_OUT, Logger.Level.INFO);
        if (buffer != null && (buffer.failed || context.getExecutionException().isPresent())) {
            buffer.dump("the set-up and tear-down of " + context.getRequiredTestClass().getSimpleName());
        }
    }

    private static Buffer classBuffer(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Buffer buffer = c.getStore(NS).get("class", Buffer.class);
            if (buffer != null) {
                return buffer;
            }
        }
        throw new IllegalStateException("no class-level output buffer");
    }
}
