package com.aigcaudio.transport;

import java.io.IOException;
import java.net.URI;

/**
 * How every outbound request leaves the function: the API call, the state and result stores, the download of a
 * soundtrack, webhooks and the AWS credential endpoints. A blocking exchange on the JDK's
 * {@code HttpURLConnection} ({@link UrlConnectionTransport}) rather than {@code java.net.http}: on a cold JVM the
 * latter's set-up (its selector thread, ~150 classes and as many lambdas) costs about 100 ms before the first
 * byte, which is most of a cold invocation's own time (docs/cold-start.md).
 */
public interface Transport {
    /**
     * Sends the call and reads the whole answer.
     *
     * @throws ConnectFailedException when no connection was made, so nothing was sent
     * @throws IOException            when the exchange failed later: the request may have reached the server
     */
    Reply send(Call call) throws IOException;

    /** Sends the call and hands over the answer's body as a stream, for bodies too large to hold in memory. */
    OpenReply open(Call call) throws IOException;

    /** The Host header sent for a URL: the host, plus the port when it is not the scheme's default. */
    static String hostHeader(URI endpoint) {
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(endpoint.getScheme()) && port == 443)
                || ("http".equalsIgnoreCase(endpoint.getScheme()) && port == 80);
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }
}
