package com.aigcaudio.core;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/** One JDK HttpClient per process, built on first use, shared by the API client and the COS store. */
public final class HttpClients {
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

    /** The Host header the JDK client sends for a URL: the host, plus the port when it is not the default. */
    public static String hostHeader(URI endpoint) {
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(endpoint.getScheme()) && port == 443)
                || ("http".equalsIgnoreCase(endpoint.getScheme()) && port == 80);
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }
}
