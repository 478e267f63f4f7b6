package com.aigcaudio.tencent.client;

import com.aigcaudio.transport.Call;
import com.aigcaudio.transport.OpenReply;
import com.aigcaudio.transport.Reply;
import com.aigcaudio.transport.Transport;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps the API connection ready. While the main thread reads configuration and plans the task, a daemon thread
 * sends one GET to the API endpoint. Its connection, TLS handshake done and certificate checked against the
 * configured trust store, stays in the JDK's keep-alive cache, so the signed request reuses it instead of paying
 * for a second handshake, and the JDK's TLS and HTTP code has already run once. The
 * GET carries no credentials and names no action: the endpoint answers it with an error and creates nothing. For
 * an https endpoint, {@link HandshakePrimer} runs the connection-independent parts of the handshake alongside.
 *
 * <p>As a transport it sends once the warm-up is over, waiting at most the given time for it, so a slow endpoint
 * never holds the real request back for long. Before a request goes on a connection that has been idle (an SCF
 * instance sleeps between invocations; a server may close an idle connection at any moment, even as our request
 * crosses its close) it sends the GET again: a connection the server has closed or is closing fails the GET, which
 * the JDK retries on a new connection, instead of failing the request. For a POST, which is never resent because
 * nobody could tell whether it created a task, "idle" means {@link #POST_REUSE_MARGIN}: the GET's answer restarts
 * the server's idle timer and the POST follows it at once (a server that closes at once after answering is seen
 * by the JDK, which checks a kept connection for a close before it streams a POST on it). Other requests, which
 * the client may send again, revalidate after {@link #REVALIDATE_AFTER_IDLE}.
 */
public final class ConnectionWarmup implements Transport {
    static final Duration REVALIDATE_AFTER_IDLE = Duration.ofSeconds(5);
    /** Shorter than any server's keep-alive timeout; a POST on a connection idle for longer is preceded by a GET. */
    static final Duration POST_REUSE_MARGIN = Duration.ofMillis(20);

    private final Transport http;
    private final URI endpoint;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile long lastUse;

    private ConnectionWarmup(Transport http, URI endpoint, Duration timeout, LongSupplier nanoTime) {
        this.http = http;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.nanoTime = nanoTime;
        this.lastUse = nanoTime.getAsLong();
    }

    /** @param timeout bounds both the warm-up request and how long {@link #get()} waits for it */
    public static ConnectionWarmup start(Transport http, URI endpoint, Duration timeout) {
        return start(http, endpoint, timeout, System::nanoTime);
    }

    static ConnectionWarmup start(Transport http, URI endpoint, Duration timeout, LongSupplier nanoTime) {
        ConnectionWarmup warmup = new ConnectionWarmup(http, endpoint, timeout, nanoTime);
        Thread thread = new Thread(warmup::warmUp, "aigc-connection-warmup");
        thread.setDaemon(true);
        thread.start();
        if ("https".equalsIgnoreCase(endpoint.getScheme())) {
            HandshakePrimer.start();
        }
        return warmup;
    }

    /** The endpoint it keeps a connection to. */
    public URI endpoint() {
        return endpoint;
    }

    private void warmUp() {
        try {
            probe();
        } finally {
            finished.countDown();
        }
    }

    private void probe() {
        try {
            http.send(Call.get(endpoint).timeout(timeout));
        } catch (IOException | RuntimeException e) {
            // Priming only: the real request makes its own connection and reports its own errors.
        } finally {
            lastUse = nanoTime.getAsLong();
        }
    }

    @Override
    public Reply send(Call call) throws IOException {
        ready(call);
        try {
            return http.send(call);
        } finally {
            lastUse = nanoTime.getAsLong();
        }
    }

    @Override
    public OpenReply open(Call call) throws IOException {
        ready(call);
        try {
            return http.open(call);
        } finally {
            lastUse = nanoTime.getAsLong();
        }
    }

    private void ready(Call call) {
        try {
            finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Duration idleLimit = call.method().equals("POST") ? POST_REUSE_MARGIN : REVALIDATE_AFTER_IDLE;
        if (nanoTime.getAsLong() - lastUse > idleLimit.toNanos()) {
            probe();
        }
    }
}
