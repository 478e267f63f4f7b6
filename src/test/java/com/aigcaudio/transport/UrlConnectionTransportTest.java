package com.aigcaudio.transport;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlConnectionTransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final Transport transport = new UrlConnectionTransport(TIMEOUT);
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " from "
                    + exchange.getRemoteAddress().getPort() + " length=" + exchange.getRequestHeaders()
                    .getFirst("Content-Length") + " x-test=" + exchange.getRequestHeaders().getFirst("X-Test")
                    + " body=" + new String(body, StandardCharsets.UTF_8));
            exchange.getResponseHeaders().add("ETag", "\"abc\"");
            byte[] answer = ("got " + body.length).getBytes(StandardCharsets.UTF_8);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(201, head ? -1 : answer.length);
            if (!head) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.createContext("/missing", exchange -> {
            byte[] answer = "<Error>NoSuchKey</Error>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/echo");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void send_putBytes_sendsMethodHeadersAndBody_andReadsTheWholeAnswer() throws IOException {
        Reply reply = transport.send(Call.of("PUT", url("/echo?a=b%2Fc")).header("X-Test", "1")
                .body("hello".getBytes(StandardCharsets.UTF_8)));

        assertEquals(201, reply.status());
        assertEquals("\"abc\"", reply.header("etag").orElseThrow(), "header names in any case");
        assertEquals("got 5", new String(reply.body(), StandardCharsets.UTF_8));
        assertTrue(seen.get(0).startsWith("PUT /echo?a=b%2Fc from "), seen.toString());
        assertTrue(seen.get(0).endsWith(" length=5 x-test=1 body=hello"), seen.toString());
    }

    @Test
    void send_fileBody_streamsTheFile(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("a.wav"), new byte[70_000]);

        Reply reply = transport.send(Call.of("PUT", url("/echo")).body(file));

        assertEquals("got 70000", new String(reply.body(), StandardCharsets.UTF_8));
        assertTrue(seen.get(0).contains(" length=70000 "), seen.toString());
    }

    @Test
    void send_getAndHead_carryNoBody() throws IOException {
        assertEquals(201, transport.send(Call.get(url("/echo"))).status());
        Reply head = transport.send(Call.of("HEAD", url("/echo")));

        assertEquals(201, head.status());
        assertEquals(0, head.body().length);
        assertTrue(seen.get(0).startsWith("GET /echo from ") && seen.get(0).endsWith("length=null x-test=null body="),
                seen.toString());
        assertTrue(seen.get(1).startsWith("HEAD /echo from "), seen.toString());
    }

    @Test
    void send_errorStatus_isAnAnswerWithItsBody() throws IOException {
        Reply reply = transport.send(Call.get(url("/missing")));

        assertEquals(404, reply.status());
        assertEquals("<Error>NoSuchKey</Error>", new String(reply.body(), StandardCharsets.UTF_8));
    }

    @Test
    void send_redirect_isNotFollowed() throws IOException {
        Reply reply = transport.send(Call.get(url("/moved")));

        assertEquals(302, reply.status());
        assertEquals("/echo", reply.header("Location").orElseThrow());
        assertTrue(seen.isEmpty(), seen.toString());
    }

    @Test
    void send_twice_reusesTheConnection() throws IOException {
        transport.send(Call.post(url("/echo"), new byte[1]));
        transport.send(Call.post(url("/echo"), new byte[2]));

        String port = seen.get(0).replaceAll(".* from (\\d+) .*", "$1");
        assertTrue(seen.get(1).contains(" from " + port + " "), seen.toString());
    }

    @Test
    void send_connectionRefused_isConnectFailed_nothingSent() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + closedPort + "/");

        ConnectFailedException e = assertThrows(ConnectFailedException.class,
                () -> transport.send(Call.post(nobody, new byte[1])));
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void send_noAnswerAfterSending_timesOut_andIsNotAConnectFailure() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountDownLatch done = new CountDownLatch(1);
            Thread acceptor = daemon(() -> {
                try (Socket ignored = silent.accept()) {
                    done.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // the test is over
                }
            });
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/");

            IOException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(IOException.class,
                    () -> transport.send(Call.post(url, new byte[1]).timeout(Duration.ofMillis(300)))));
            done.countDown();
            acceptor.join(5_000);
            assertInstanceOf(SocketTimeoutException.class, e);
            assertFalse(e instanceof ConnectFailedException);
        }
    }

    @Test
    void open_bodyThatStopsArriving_failsTheReadAfterTheTimeout() throws Exception {
        try (ServerSocket stalling = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountDownLatch done = new CountDownLatch(1);
            daemon(() -> {
                try (Socket socket = stalling.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhalf".getBytes(
                            StandardCharsets.ISO_8859_1));
                    out.flush();
                    done.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // the test is over
                }
            });
            URI url = URI.create("http://127.0.0.1:" + stalling.getLocalPort() + "/");
            try (OpenReply reply = transport.open(Call.get(url).timeout(Duration.ofMillis(300)))) {
                assertEquals(200, reply.status());
                InputStream body = reply.body();
                assertEquals(4, body.readNBytes(4).length);
                assertTimeoutPreemptively(Duration.ofSeconds(5),
                        () -> assertThrows(SocketTimeoutException.class, body::read));
            } finally {
                done.countDown();
            }
        }
    }

    @Test
    void hostHeader_defaultPort_isTheHostAlone() {
        assertEquals("vod.tencentcloudapi.com", Transport.hostHeader(URI.create("https://vod.tencentcloudapi.com/")));
        assertEquals("vod.tencentcloudapi.com", Transport.hostHeader(URI.create(
                "https://vod.tencentcloudapi.com:443/")));
        assertEquals("127.0.0.1:8443", Transport.hostHeader(URI.create("https://127.0.0.1:8443/")));
    }

    private static Thread daemon(Runnable body) {
        Thread thread = new Thread(body);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
