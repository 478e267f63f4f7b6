package com.aigcaudio.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A peer that reads each request whole (line, headers, Content-Length body) and then answers as its script says:
 * dripping, with interim answers, or not at all. Over plain sockets or TLS. Every request it read is recorded as
 * "METHOD PATH". Closing it releases every connection it still holds; nothing outlives the test.
 */
public final class MisbehavingServer implements AutoCloseable {
    /** What the server writes once it has read a request. */
    @FunctionalInterface
    public interface Script {
        void answer(OutputStream out, Pause pause) throws IOException, InterruptedException;
    }

    /** Waits that end early when the server closes. */
    public interface Pause {
        void millis(long millis) throws InterruptedException;
    }

    private final ServerSocket socket;
    private final Script script;
    private final boolean tls;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private MisbehavingServer(ServerSocket socket, Script script, boolean tls) {
        this.socket = socket;
        this.script = script;
        this.tls = tls;
        Thread acceptor = new Thread(this::accept, "misbehaving-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static MisbehavingServer plain(Script script) throws IOException {
        return new MisbehavingServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), script, false);
    }

    public static MisbehavingServer tls(SSLContext context, Script script) throws IOException {
        return new MisbehavingServer(context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress()), script, true);
    }

    /** Writes the answer one byte every {@code intervalMillis}. */
    public static Script drip(String answer, long intervalMillis) {
        byte[] bytes = answer.getBytes(StandardCharsets.ISO_8859_1);
        return (out, pause) -> {
            for (byte b : bytes) {
                out.write(b);
                out.flush();
                pause.millis(intervalMillis);
            }
        };
    }

    /** Writes the head at once, then the body one byte every {@code intervalMillis}. */
    public static Script headThenDrip(String head, String body, long intervalMillis) {
        Script drip = drip(body, intervalMillis);
        return (out, pause) -> {
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            drip.answer(out, pause);
        };
    }

    /** Writes the answer at once. */
    public static Script answer(String answer) {
        return (out, pause) -> {
            out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        };
    }

    public URI endpoint() {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + socket.getLocalPort() + "/");
    }

    /** The requests read so far, as "METHOD PATH". */
    public List<String> requests() {
        return requests;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread serve = new Thread(() -> serve(connection), "misbehaving-connection");
                serve.setDaemon(true);
                serve.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            String line;
            while ((line = readLine(in)) != null && !line.isEmpty()) {
                long length = 0;
                for (String header = readLine(in); header != null && !header.isEmpty(); header = readLine(in)) {
                    if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Long.parseLong(header.substring(15).trim());
                    }
                }
                in.readNBytes((int) length);
                String[] parts = line.split(" ");
                requests.add(parts[0] + " " + (parts.length > 1 ? parts[1] : ""));
                script.answer(out, millis -> closed.await(millis, TimeUnit.MILLISECONDS));
                if (closed.getCount() == 0) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the test is over
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1).replace("\r", "");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        socket.close();
    }
}
