package com.aigcaudio.store;

import com.aigcaudio.core.Deadline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four concurrent reads of a 95 MB soundtrack, capped at what an HTTP answer carries (4 MiB), in a JVM with a
 * 128 MiB heap: each is refused as too large, none runs out of memory (reading each whole took 380 MB).
 */
class BoundedReadHeapTest {
    static final long SIZE = 95L * 1024 * 1024;
    static final long CAP = 4L * 1024 * 1024;

    @Test
    void fourConcurrent95MegabyteReads_in128MiB_areEachRefused(@TempDir Path dir) throws Exception {
        try (RandomAccessFile big = new RandomAccessFile(LocalObjectStore.fileOf(dir, "big.mp3").toFile(), "rw")) {
            big.setLength(SIZE);
        }
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), Child.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("refused 4 of 4"), output);
    }

    /** Runs in the child JVM. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            LocalObjectStore store = new LocalObjectStore(Path.of(args[0]));
            Deadline deadline = Deadline.after(Clock.systemUTC(), Duration.ofSeconds(30));
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            Thread[] readers = new Thread[4];
            for (int i = 0; i < readers.length; i++) {
                readers[i] = new Thread(() -> {
                    try {
                        start.await();
                        store.getAtMost("big.mp3", CAP, deadline);
                    } catch (ObjectTooLargeException e) {
                        if (e.size() == SIZE) {
                            refused.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                readers[i].start();
            }
            start.countDown();
            for (Thread reader : readers) {
                reader.join(30_000);
            }
            System.out.println("refused " + refused.get() + " of " + readers.length);
        }
    }
}
