package com.aigcaudio.track;

import com.aigcaudio.core.Deadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The result download keeps the invocation's deadline for headers and body alike, against a raw-socket server that
 * answers fully, trickles or hangs; it always stops with a second kept back for releasing its delivery claim.
 */
class ResultDownloadTest {
    private final ServerSocket server;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final ResultDownload download = new ResultDownload(
            new com.aigcaudio.transport.UrlConnectionTransport(Duration.ofSeconds(2)), 1 << 20);

    ResultDownloadTest() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        stop.countDown();
        server.close();
    }

    /** Serves one connection: headers for {@code length} bytes of audio, then {@code bytes}, one every {@code pause}.
     * */
    private String serve(boolean headers, int length, int bytes, long pauseMillis) {
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                socket.getInputStream().read(new byte[4096]);
                OutputStream out = socket.getOutputStream();
                if (headers) {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nContent-Length: " + length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    for (int i = 0; i < bytes && stop.getCount() > 0; i++) {
                        out.write('a');
                        out.flush();
                        stop.await(pauseMillis, TimeUnit.MILLISECONDS);
                    }
                }
                stop.await(30, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // the client went away
            }
        });
        thread.setDaemon(true);
        thread.start();
        return "http://127.0.0.1:" + server.getLocalPort() + "/r.mp3";
    }

    @Test
    void wholeBody_isDownloaded() throws Exception {
        ResultDownload.Downloaded file = download.fetch(serve(true, 5, 5, 0),
                Deadline.after(Clock.systemUTC(), Duration.ofSeconds(10)));

        assertArrayEquals("aaaaa".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(file.file));
        Files.delete(file.file);
    }

    @Test
    void bodyThatTricklesPastTheDeadline_isCutThere_keepingTheReserve() {
        Deadline deadline = Deadline.after(Clock.systemUTC(), Duration.ofSeconds(3));

        DeliveryException e = assertThrows(DeliveryException.class,
                () -> download.fetch(serve(true, 1000, 1000, 100), deadline));

        assertEquals("ResultDownloadTimedOut", e.code());
        assertTrue(e.retryable());
        assertFalse(Instant.now().isAfter(deadline.instant().minus(ResultDownload.KEPT_BACK).plusMillis(500)),
                "stopped with the reserve left for releasing the claim");
    }

    @Test
    void bodyThatStopsArriving_failsAfterTheStallLimit_toBeTriedLater() {
        Deadline deadline = Deadline.after(Clock.systemUTC(), Duration.ofSeconds(20));

        DeliveryException e = assertThrows(DeliveryException.class,
                () -> download.fetch(serve(true, 10, 1, 30_000), deadline));

        assertEquals("ResultDownloadStalled", e.code());
        assertTrue(e.retryable());
        assertTrue(deadline.remaining().compareTo(Duration.ofSeconds(15)) > 0, "given up after the stall limit");
    }

    @Test
    void serverThatNeverAnswers_isGivenUpBeforeTheDeadline() {
        Deadline deadline = Deadline.after(Clock.systemUTC(), Duration.ofSeconds(3));

        DeliveryException e = assertThrows(DeliveryException.class, () -> download.fetch(serve(false, 0, 0, 0),
                deadline));

        assertTrue(e.retryable(), e.code());
        assertFalse(Instant.now().isAfter(deadline.instant().minus(ResultDownload.KEPT_BACK).plusMillis(500)));
    }

    @Test
    void bodyShorterThanItsLength_isNotTakenForTheWholeFile() {
        DeliveryException e = assertThrows(DeliveryException.class, () -> {
            String url = serve(true, 10, 4, 0);
            stop.countDown();
            download.fetch(url, Deadline.after(Clock.systemUTC(), Duration.ofSeconds(5)));
        });

        assertTrue(e.retryable(), e.code());
    }
}
