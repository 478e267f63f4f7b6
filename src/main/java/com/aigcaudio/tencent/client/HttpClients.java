package com.aigcaudio.tencent.client;

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
        return new Supplier<>() {
            private volatile HttpClient client;

            @Override
            public HttpClient get() {
                HttpClient current = client;
                if (current == null) {
                    synchronized (this) {
                        current = client;
                        if (current == null) {
                            current = HttpClient.newBuilder()
                                    .version(HttpClient.Version.HTTP_1_1)
                                    .connectTimeout(connectTimeout)
                                    .followRedirects(HttpClient.Redirect.NEVER)
                                    .build();
                            client = current;
                        }
                    }
                }
                return current;
            }
        };
    }
}
