package com.aigcaudio.tencent.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Cold-start priming. On a daemon thread, while the main thread reads configuration and plans the task, it builds
 * the shared HttpClient (initialising the default SSLContext) and, for an https endpoint, pre-connects: one TLS
 * handshake with the endpoint on a plain socket from the same SSLContext, with no request sent. That loads and
 * first-runs exactly the JSSE and crypto code the real request needs (certificate path validation against the
 * configured trust store included), so the request's own handshake no longer pays for it. Failures are ignored:
 * the request path does the same work itself.
 */
public final class TlsWarmup {
    private TlsWarmup() {
    }

    public static void start(Supplier<HttpClient> http, URI endpoint, Duration connectTimeout) {
        Thread thread = new Thread(() -> run(http, endpoint, connectTimeout), "aigc-tls-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    static void run(Supplier<HttpClient> http, URI endpoint, Duration connectTimeout) {
        try {
            http.get();
            if ("https".equalsIgnoreCase(endpoint.getScheme())) {
                preconnect(endpoint, connectTimeout);
            }
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            // Priming only.
        }
    }

    /** A TLS handshake with the endpoint, verified as the real request will be, then closed. */
    static void preconnect(URI endpoint, Duration connectTimeout) throws GeneralSecurityException, IOException {
        int port = endpoint.getPort() == -1 ? 443 : endpoint.getPort();
        try (SSLSocket socket = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket()) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!Character.isDigit(endpoint.getHost().charAt(0))) {
                parameters.setServerNames(List.of(new SNIHostName(endpoint.getHost())));
            }
            socket.setSSLParameters(parameters);
            socket.connect(new InetSocketAddress(endpoint.getHost(), port), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) connectTimeout.toMillis());
            socket.startHandshake();
        }
    }
}
