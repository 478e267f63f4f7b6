package com.aigcaudio.transport;

import com.aigcaudio.testing.MisbehavingServer;
import com.aigcaudio.testing.SelfSignedTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole exchange ends by the call's limit (plus 0.5 s at most), whatever the peer does; interim answers. */
class ExchangeLimitTest {
    private static final Duration LIMIT = Duration.ofMillis(1500);
    private static final long SLACK_MILLIS = 500;
    private static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n";
    private final Transport transport = new UrlConnectionTransport(Duration.ofSeconds(2));

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Each byte comes well within the read timeout, so only a limit on the whole exchange can end it. */
    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "GET"})
    void answerHeadersDripping_endAtTheLimit_asALimitNotAConnectFailure(String method) throws Exception {
        try (MisbehavingServer server = MisbehavingServer.plain(MisbehavingServer.drip(HEAD + "x".repeat(40), 200))) {
            Call call = Call.of(method, server.endpoint()).timeout(LIMIT);
            if (!method.equals("GET")) {
                call.body("{}".getBytes(StandardCharsets.UTF_8));
            }
            long start = System.nanoTime();

            IOException e = assertThrows(IOException.class, () -> transport.send(call));

            long took = elapsedMillis(start);
            assertInstanceOf(ExchangeLimitExceededException.class, e);
            assertFalse(e instanceof ConnectFailedException, "the request was sent");
            assertTrue(took >= LIMIT.toMillis() - 50 && took <= LIMIT.toMillis() + SLACK_MILLIS, took + " ms");
            assertEquals(1, server.requests().size());
        }
    }

    /**
     * A body that drips after complete headers. The JDK's body stream cannot be interrupted while a read waits, so
     * the exchange ends with the first byte after the limit: at most one byte's interval past it.
     */
    @ParameterizedTest
    @ValueSource(longs = {100, 1000})
    void answerBodyDripping_endsWithTheFirstByteAfterTheLimit(long intervalMillis) throws Exception {
        try (MisbehavingServer server = MisbehavingServer.plain(MisbehavingServer.headThenDrip(HEAD, "y".repeat(40),
                intervalMillis))) {
            long start = System.nanoTime();

            assertThrows(ExchangeLimitExceededException.class,
                    () -> transport.send(Call.post(server.endpoint(), new byte[2]).timeout(LIMIT)));

            long took = elapsedMillis(start);
            assertTrue(took <= LIMIT.toMillis() + (intervalMillis > SLACK_MILLIS ? intervalMillis : 0) + SLACK_MILLIS,
                    took + " ms");
        }
    }

    @Test
    void wholeBodyArrivingJustBeforeTheLimit_isRead() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.plain((out, pause) -> {
            out.write(HEAD.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            pause.millis(LIMIT.toMillis() - 600);
            out.write("z".repeat(40).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        })) {
            Reply reply = transport.send(Call.get(server.endpoint()).timeout(LIMIT));
            assertEquals("z".repeat(40), new String(reply.body(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void openedBodyDripping_endsAtTheLimit_readByRead() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.plain(MisbehavingServer.headThenDrip(HEAD, "y".repeat(40),
                100))) {
            long start = System.nanoTime();
            try (OpenReply reply = transport.open(Call.get(server.endpoint()).timeout(LIMIT)
                    .stallLimit(Duration.ofMillis(300)))) {
                InputStream body = reply.body();
                assertThrows(ExchangeLimitExceededException.class, () -> {
                    while (body.read() >= 0) {
                        // reads one byte each 100 ms, never stalling for 300
                    }
                });
            }
            assertTrue(elapsedMillis(start) <= LIMIT.toMillis() + SLACK_MILLIS, elapsedMillis(start) + " ms");
        }
    }

    @Test
    void stallLimit_boundsEachRead_shorterThanTheWholeLimit() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.plain((out, pause) -> {
            out.write((HEAD + "half").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            pause.millis(10_000);
        })) {
            try (OpenReply reply = transport.open(Call.get(server.endpoint()).timeout(Duration.ofSeconds(5))
                    .stallLimit(Duration.ofMillis(300)))) {
                InputStream body = reply.body();
                assertEquals(4, body.readNBytes(4).length);
                SocketTimeoutException e = assertThrows(SocketTimeoutException.class, body::read);
                assertFalse(e instanceof ExchangeLimitExceededException, "a stall, not the whole limit");
            }
        }
    }

    @Test
    void tlsAnswerDripping_endsAtTheLimit(@TempDir Path dir) throws Exception {
        Path keys = SelfSignedTls.keyStore(dir);
        SSLSocketFactory previous = HttpsURLConnection.getDefaultSSLSocketFactory();
        try (MisbehavingServer server = MisbehavingServer.tls(SelfSignedTls.serverContext(keys),
                MisbehavingServer.drip(HEAD + "x".repeat(40), 200))) {
            HttpsURLConnection.setDefaultSSLSocketFactory(trusting(keys).getSocketFactory());
            long start = System.nanoTime();

            assertThrows(ExchangeLimitExceededException.class,
                    () -> transport.send(Call.post(server.endpoint(), new byte[2]).timeout(LIMIT)));

            assertTrue(elapsedMillis(start) <= LIMIT.toMillis() + SLACK_MILLIS, elapsedMillis(start) + " ms");
        } finally {
            HttpsURLConnection.setDefaultSSLSocketFactory(previous);
        }
    }

    @Test
    void manyExchangesAtOnce_eachEndsAtItsOwnLimit() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.plain(MisbehavingServer.drip(HEAD, 200))) {
            long start = System.nanoTime();
            Thread[] threads = new Thread[4];
            IOException[] failures = new IOException[threads.length];
            for (int i = 0; i < threads.length; i++) {
                int n = i;
                threads[i] = new Thread(() -> {
                    try {
                        transport.send(Call.get(server.endpoint()).timeout(LIMIT.plusMillis(200L * n)));
                    } catch (IOException e) {
                        failures[n] = e;
                    }
                });
                threads[i].start();
            }
            for (Thread thread : threads) {
                thread.join(10_000);
            }
            for (IOException failure : failures) {
                assertInstanceOf(ExchangeLimitExceededException.class, failure);
            }
            assertTrue(elapsedMillis(start) <= LIMIT.toMillis() + 600 + SLACK_MILLIS, elapsedMillis(start) + " ms");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {102, 103})
    void interimAnswer_isNeverTakenAsTheFinalOne(int status) throws Exception {
        try (MisbehavingServer server = MisbehavingServer.plain(MisbehavingServer.answer("HTTP/1.1 " + status
                + " Interim\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"))) {
            InterimAnswerException e = assertThrows(InterimAnswerException.class,
                    () -> transport.send(Call.post(server.endpoint(), new byte[2]).timeout(LIMIT)));
            assertTrue(e.getMessage().contains(Integer.toString(status)), e.getMessage());
        }
    }

    @Test
    void healthyExchange_afterLimitedOnes_isUntouched() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.plain(
                MisbehavingServer.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"))) {
            for (int i = 0; i < 3; i++) {
                assertEquals("{}", new String(transport.send(Call.get(server.endpoint())
                        .timeout(Duration.ofMillis(200))).body(), StandardCharsets.UTF_8));
            }
            assertEquals(0, ExchangeLimit.armed(server.endpoint().getAuthority()),
                    "every finished exchange's limit disarmed: none can fire later");
            assertEquals(200, transport.send(Call.get(server.endpoint())).status(),
                    "a disarmed limit never ends a later exchange on the kept connection");
        }
    }

    private static SSLContext trusting(Path keys) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys)) {
            store.load(in, SelfSignedTls.PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
