package com.aigcaudio.tencent.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Cold-start priming. While the main thread reads configuration and plans the task, a daemon thread builds the
 * shared HttpClient and sends one GET to the API endpoint. Its connection, TLS handshake done and certificate
 * checked against the configured trust store, stays in the client's pool, so the signed request reuses it
 * instead of paying for a second handshake, and the JDK's TLS and HTTP code has already run once. The GET
 * carries no credentials and names no action: the endpoint answers it with an error and creates nothing. For an
 * https endpoint, {@link HandshakePrimer} runs the connection-independent parts of the handshake alongside.
 *
 * <p>As a supplier it hands out the client once the warm-up is over, waiting at most the given time for it, so a
 * slow endpoint never holds the real request back for long.
 */
public final class ConnectionWarmup implements Supplier<HttpClient> {
    private final Supplier<HttpClient> http;
    private final Duration maxWait;
    private final CountDownLatch finished = new CountDownLatch(1);

    private ConnectionWarmup(Supplier<HttpClient> http, Duration maxWait) {
        this.http = http;
        this.maxWait = maxWait;
    }

    /** @param timeout bounds both the warm-up request and how long {@link #get()} waits for it */
    public static ConnectionWarmup start(Supplier<HttpClient> http, URI endpoint, Duration timeout) {
        ConnectionWarmup warmup = new ConnectionWarmup(http, timeout);
        Thread thread = new Thread(() -> warmup.run(endpoint, timeout), "aigc-connection-warmup");
        thread.setDaemon(true);
        thread.start();
        if ("https".equalsIgnoreCase(endpoint.getScheme())) {
            HandshakePrimer.start();
        }
        return warmup;
    }

    void run(URI endpoint, Duration timeout) {
        try {
            http.get().send(HttpRequest.newBuilder(endpoint).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException | RuntimeException e) {
            // Priming only: the real request makes its own connection and reports its own errors.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
        }
    }

    @Override
    public HttpClient get() {
        try {
            finished.await(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return http.get();
    }
}
