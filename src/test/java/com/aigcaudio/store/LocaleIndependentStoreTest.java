package com.aigcaudio.store;

import com.aigcaudio.core.Deadline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The directory store under a locale whose file-name encoding cannot hold the key (LANG=C: ASCII file names): a
 * JVM started so writes, reads and lists a key with accents, CJK and an emoji. Before names were encoded by us,
 * this threw InvalidPathException and stopped every tracker run.
 */
class LocaleIndependentStoreTest {
    static final String KEY = "incoming/été 春节 🎆.mp4";

    @Test
    void nonAsciiKey_underLangC_roundTrips(@TempDir Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), dir.toString());
        builder.environment().put("LANG", "C");
        builder.environment().put("LC_ALL", "C");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM ends");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("ok 1"), output);
    }

    /** Runs in the child JVM; prints "ok N" with the number of keys listed back as written. */
    public static final class Child {
        public static void main(String[] args) {
            LocalObjectStore store = new LocalObjectStore(Path.of(args[0]));
            Deadline deadline = Deadline.after(Clock.systemUTC(), Duration.ofSeconds(30));
            store.put(KEY, ObjectStore.Body.of(KEY.getBytes(StandardCharsets.UTF_8)), "text/plain", Map.of(), true,
                    deadline);
            if (!KEY.equals(new String(store.get(KEY, deadline), StandardCharsets.UTF_8))) {
                throw new IllegalStateException("read back something else");
            }
            List<ObjectStore.Listed> listed = store.entries("incoming/", deadline);
            long same = listed.stream().filter(l -> l.key().equals(KEY)).count();
            System.out.println("jnu=" + System.getProperty("sun.jnu.encoding") + " ok " + same);
        }
    }
}
