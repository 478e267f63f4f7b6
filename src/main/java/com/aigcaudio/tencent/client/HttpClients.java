package com.aigcaudio.tencent.client;

import com.aigcaudio.support.Lazy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/** One JDK HttpClient per process, built on first use, shared by the API client and the COS store. */
public final class HttpClients {
    private static final long SELECTOR_STOP_WAIT_MS = 200;

    private HttpClients() {
    }

    /**
     * HTTP/1.1 (no ALPN or h2 negotiation on the cold path), no redirects, the default SSLContext, which honours
     * the standard javax.net.ssl.* system properties.
     */
    public static Supplier<HttpClient> lazy(Duration connectTimeout) {
        return new Lazy<>(() -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    /**
     * Ends the JDK clients' selector threads so that a short-lived process (the CLI) exits at once. A selector
     * waits in epoll_wait, native code, and HotSpot's exit waits up to 300 ms for threads in native code; Java
     * 11-20 have no HttpClient.close(), but the selector loop ends when its thread is interrupted. Only for a
     * process that is about to exit: the clients are unusable afterwards.
     */
    public static void stopSelectorThreads() throws InterruptedException {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int count = root.enumerate(threads, true);
        for (int i = 0; i < count; i++) {
            String name = threads[i].getName();
            if (name.startsWith("HttpClient-") && name.endsWith("-SelectorManager")) {
                threads[i].interrupt();
                threads[i].join(SELECTOR_STOP_WAIT_MS);
            }
        }
    }

    /** The Host header the JDK client sends for a URL: the host, plus the port when it is not the default. */
    public static String hostHeader(URI endpoint) {
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(endpoint.getScheme()) && port == 443)
                || ("http".equalsIgnoreCase(endpoint.getScheme()) && port == 80);
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }
}
