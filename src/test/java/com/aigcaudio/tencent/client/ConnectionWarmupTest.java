package com.aigcaudio.tencent.client;

import com.aigcaudio.transport.Call;
import com.aigcaudio.transport.Transport;
import com.aigcaudio.transport.UrlConnectionTransport;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongBinaryOperator;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionWarmupTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final byte[] JSON = "{}".getBytes(StandardCharsets.UTF_8);

    @Test
    void send_afterWarmup_reusesTheWarmConnection() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            ConnectionWarmup warmup = ConnectionWarmup.start(new UrlConnectionTransport(TIMEOUT), server.endpoint(),
                    Duration.ofSeconds(5));

            assertEquals(200, warmup.send(Call.post(server.endpoint(), JSON)).status());

            List<String> seen = server.seen();
            assertEquals(2, seen.size(), seen.toString());
            String probePort = seen.get(0).replace("GET from ", "");
            assertEquals("POST from " + probePort, seen.get(1), "the POST reuses the probe's connection: " + seen);
        }
    }

    @Test
    void post_onAConnectionIdleLongerThanTheMargin_isPrecededByAProbe() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            AtomicLong now = new AtomicLong();
            ConnectionWarmup warmup = ConnectionWarmup.start(new UrlConnectionTransport(TIMEOUT), server.endpoint(),
                    Duration.ofSeconds(5), now::get);
            warmup.send(Call.post(server.endpoint(), JSON));
            assertEquals(2, server.seen().size(), "the start-up probe and the POST: " + server.seen());

            now.addAndGet(ConnectionWarmup.POST_REUSE_MARGIN.toNanos());
            warmup.send(Call.post(server.endpoint(), JSON));
            assertEquals(3, server.seen().size(), "no probe while the connection is fresh: " + server.seen());

            now.addAndGet(ConnectionWarmup.POST_REUSE_MARGIN.toNanos() + 1);
            warmup.send(Call.post(server.endpoint(), JSON));
            assertEquals(5, server.seen().size(), "a probe after idling: " + server.seen());
            assertTrue(server.seen().get(3).startsWith("GET"), server.seen().toString());
        }
    }

    @Test
    void get_revalidatesOnlyAfterTheLongerIdleLimit() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            AtomicLong now = new AtomicLong();
            ConnectionWarmup warmup = ConnectionWarmup.start(new UrlConnectionTransport(TIMEOUT), server.endpoint(),
                    Duration.ofSeconds(5), now::get);
            warmup.send(Call.get(server.endpoint()));
            now.addAndGet(ConnectionWarmup.REVALIDATE_AFTER_IDLE.toNanos());
            warmup.send(Call.get(server.endpoint()));
            assertEquals(3, server.seen().size(), "a GET may be sent again, so it goes without a probe: "
                    + server.seen());

            now.addAndGet(ConnectionWarmup.REVALIDATE_AFTER_IDLE.toNanos() + 1);
            warmup.send(Call.get(server.endpoint()));
            assertEquals(5, server.seen().size(), server.seen().toString());
        }
    }

    /**
     * The server closes a connection that has idled, but only when the next request arrives on it: the race where
     * its close crosses the request. The revalidating GET meets the dead connection and the JDK retries it on a new
     * one, so the POST never does (a POST would fail with an unknown outcome: it is never retried).
     */
    @Test
    void send_afterIdling_theRequestGoesOnALiveConnection() throws Exception {
        try (IdleClosingServer server = new IdleClosingServer()) {
            AtomicLong now = new AtomicLong();
            ConnectionWarmup warmup = ConnectionWarmup.start(new UrlConnectionTransport(TIMEOUT), server.endpoint(),
                    Duration.ofSeconds(5), now::get);
            warmup.send(Call.post(server.endpoint(), JSON));
            server.passIdleLimit();
            now.addAndGet(ConnectionWarmup.REVALIDATE_AFTER_IDLE.toNanos() + 1);

            assertEquals(200, warmup.send(Call.post(server.endpoint(), JSON)).status());

            assertEquals(List.of("GET answered", "POST answered", "GET closed", "GET answered", "POST answered"),
                    server.log());
        }
    }

    /**
     * Why the probe is needed: a POST or PUT on a connection the server closed fails, and the transport never
     * resends it (HttpURLConnection would, for a body it buffered itself).
     */
    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT"})
    void idleClosingServer_withoutRevalidation_failsTheWriteOnce(String method) throws Exception {
        try (IdleClosingServer server = new IdleClosingServer()) {
            Transport transport = new UrlConnectionTransport(TIMEOUT);
            transport.send(Call.get(server.endpoint()));
            server.passIdleLimit();

            assertThrows(IOException.class, () -> transport.send(Call.of(method, server.endpoint()).body(JSON)));
            assertEquals(List.of("GET answered", method + " closed"), server.log());
        }
    }

    /**
     * A server that closes a kept connection some time after its answer (0, 50 or 300 ms). The POST follows the
     * warm-up later than that, so a POST sent on the kept connection would cross the server's close; the probe sent
     * first meets the close instead, and the POST goes right after the probe's answer, inside the server's window.
     * The server and the warm-up share the test's clock: no waiting in real time.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 50, 300})
    void post_afterTheServersIdleClose_isAnsweredOnce(int closeAfterMillis) throws Exception {
        AtomicLong now = new AtomicLong();
        try (ClosingAfterAnswerServer server = new ClosingAfterAnswerServer(closeAfterMillis, now::get)) {
            ConnectionWarmup warmup = ConnectionWarmup.start(new UrlConnectionTransport(TIMEOUT), server.endpoint(),
                    Duration.ofSeconds(5), now::get);
            warmup.send(Call.get(server.endpoint()));
            now.addAndGet(Duration.ofMillis(closeAfterMillis + 30L).toNanos());

            assertEquals(200, warmup.send(Call.post(server.endpoint(), JSON)).status());

            assertEquals(1, server.log().stream().filter(line -> line.startsWith("POST")).count(), server.log()
                    .toString());
            assertTrue(server.log().contains("POST answered"), server.log().toString());
        }
    }

    /** Why: the same POST on the kept connection, without the probe, meets the close and fails (never resent). */
    @ParameterizedTest
    @ValueSource(ints = {50, 300})
    void post_onTheKeptConnectionAfterTheServersIdleClose_fails(int closeAfterMillis) throws Exception {
        AtomicLong now = new AtomicLong();
        try (ClosingAfterAnswerServer server = new ClosingAfterAnswerServer(closeAfterMillis, now::get)) {
            Transport transport = new UrlConnectionTransport(TIMEOUT);
            transport.send(Call.get(server.endpoint()));
            now.addAndGet(Duration.ofMillis(closeAfterMillis + 30L).toNanos());

            assertThrows(IOException.class, () -> transport.send(Call.post(server.endpoint(), JSON)));
            assertEquals(List.of("GET answered", "POST closed"), server.log());
        }
    }

    @Test
    void send_warmupEndpointRefusesConnections_sendsWithoutWaiting() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            ConnectionWarmup warmup = ConnectionWarmup.start(new UrlConnectionTransport(TIMEOUT),
                    URI.create("https://127.0.0.1:9/"), TIMEOUT);
            assertEquals(200, assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> warmup.send(Call.post(server.endpoint(), JSON))).status());
        }
    }

    @Test
    void send_warmupEndpointNeverAnswers_stopsWaitingAfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             RecordingServer server = new RecordingServer()) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(30_000);
                } catch (Exception e) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ConnectionWarmup warmup = ConnectionWarmup.start(new UrlConnectionTransport(TIMEOUT),
                    URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"), TIMEOUT);

            assertEquals(200, assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> warmup.send(Call.post(server.endpoint(), JSON))).status());
            acceptor.interrupt();
        }
    }

    @Test
    void send_interrupted_sendsAndKeepsTheInterrupt() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            ConnectionWarmup warmup = ConnectionWarmup.start(new UrlConnectionTransport(TIMEOUT),
                    URI.create("http://127.0.0.1:9/"), TIMEOUT);
            Thread.currentThread().interrupt();
            try {
                assertEquals(200, warmup.send(Call.post(server.endpoint(), JSON)).status());
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
        }
    }

    /** Answers every request with an empty JSON object and records "METHOD from CLIENT_PORT". */
    private static final class RecordingServer implements AutoCloseable {
        private final List<String> seen = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        RecordingServer() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                seen.add(exchange.getRequestMethod() + " from " + exchange.getRemoteAddress().getPort());
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        }

        List<String> seen() {
            return seen;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /**
     * HTTP/1.1 over raw sockets, keeping connections alive, that closes a kept connection when the next request on
     * it comes too late: as when a server's idle close crosses a request in flight (read, never answered). "Too
     * late" compares a mark taken at each answer with the mark when the next request arrives.
     */
    private static class KeptConnectionServer implements AutoCloseable {
        private final List<String> log = new CopyOnWriteArrayList<>();
        private final ServerSocket socket;
        private final LongSupplier mark;
        private final LongBinaryOperator tooLate;
        private final boolean closeAtOnce;

        /** @param tooLate (mark at the answer, mark now) → non-zero when the connection has idled past its limit */
        KeptConnectionServer(LongSupplier mark, LongBinaryOperator tooLate, boolean closeAtOnce) throws IOException {
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.mark = mark;
            this.tooLate = tooLate;
            this.closeAtOnce = closeAtOnce;
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        Thread serve = new Thread(() -> serve(connection));
                        serve.setDaemon(true);
                        serve.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void serve(Socket connection) {
            try (connection) {
                BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                OutputStream out = connection.getOutputStream();
                Long answeredAt = null;
                String requestLine;
                while ((requestLine = in.readLine()) != null) {
                    int length = 0;
                    for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                        if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                            length = Integer.parseInt(header.substring(15).trim());
                        }
                    }
                    in.skip(length);
                    String method = requestLine.substring(0, requestLine.indexOf(' '));
                    if (answeredAt != null && tooLate.applyAsLong(answeredAt, mark.getAsLong()) != 0) {
                        log.add(method + " closed");
                        return;
                    }
                    log.add(method + " answered");
                    // Marked before the answer leaves: the client may end the idle period as soon as it has it.
                    answeredAt = mark.getAsLong();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (closeAtOnce) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }

        List<String> log() {
            return log;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Closes a kept connection {@code closeAfterMillis} after its answer by the given clock; with 0, as it answers. */
    private static final class ClosingAfterAnswerServer extends KeptConnectionServer {
        ClosingAfterAnswerServer(int closeAfterMillis, LongSupplier nanoTime) throws IOException {
            super(nanoTime, (answeredAt, now) -> now - answeredAt > closeAfterMillis * 1_000_000L ? 1 : 0,
                    closeAfterMillis == 0);
        }
    }

    /**
     * Closes a kept connection whose next request comes after it idled past its limit. The test says when the
     * limit has passed ({@link #passIdleLimit}): no race with a real timer.
     */
    private static final class IdleClosingServer extends KeptConnectionServer {
        private final AtomicLong idlePeriods;

        IdleClosingServer() throws IOException {
            this(new AtomicLong());
        }

        private IdleClosingServer(AtomicLong idlePeriods) throws IOException {
            super(idlePeriods::get, (answeredIn, now) -> answeredIn != now ? 1 : 0, false);
            this.idlePeriods = idlePeriods;
        }

        /** Every connection open now has idled past the limit: its next request is answered by closing it. */
        void passIdleLimit() {
            idlePeriods.incrementAndGet();
        }
    }
}
