package com.aigcaudio.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URLConnection;
import java.time.Duration;

/**
 * {@link Transport} on {@code HttpURLConnection}: HTTP/1.1, connections kept alive in the JDK's per-host cache,
 * the default SSLContext (the javax.net.ssl.* properties) with the host name checked, the default proxy selector,
 * redirects not followed. The connect, including the TLS handshake, happens before a byte of the request is
 * written, so a failure there is a {@link ConnectFailedException}. A request with a body is streamed with a fixed
 * length, which also stops the JDK from silently sending a POST or PUT a second time after a broken connection:
 * only the caller may decide that.
 */
public final class UrlConnectionTransport implements Transport {
    private static final byte[] NO_BODY = new byte[0];
    private final Duration connectTimeout;

    public UrlConnectionTransport(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public Reply send(Call call) throws IOException {
        HttpURLConnection connection = exchange(call);
        try {
            int status = connection.getResponseCode();
            InputStream body = body(connection, status);
            byte[] bytes;
            try (body) {
                bytes = body.readAllBytes();
            }
            return new Reply(status, connection.getHeaderFields(), bytes);
        } catch (IOException | RuntimeException e) {
            connection.disconnect();
            throw e;
        }
    }

    @Override
    public OpenReply open(Call call) throws IOException {
        HttpURLConnection connection = exchange(call);
        try {
            int status = connection.getResponseCode();
            return new OpenReply(new Reply(status, connection.getHeaderFields(), NO_BODY), body(connection, status));
        } catch (IOException | RuntimeException e) {
            connection.disconnect();
            throw e;
        }
    }

    private HttpURLConnection exchange(Call call) throws IOException {
        URLConnection opened = call.uri().toURL().openConnection();
        if (!(opened instanceof HttpURLConnection)) {
            throw new IllegalArgumentException("not an http(s) URL: " + call.uri().getScheme());
        }
        HttpURLConnection connection = (HttpURLConnection) opened;
        connection.setRequestMethod(call.method());
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        int timeout = millis(call.timeout());
        connection.setConnectTimeout(Math.min(millis(connectTimeout), timeout));
        connection.setReadTimeout(timeout);
        connection.setRequestProperty("Accept", "*/*");
        call.headers().forEach(connection::setRequestProperty);
        long length = call.bodyLength();
        if (length >= 0) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(length);
        }
        try {
            connection.connect();
        } catch (IOException e) {
            throw new ConnectFailedException(e);
        }
        if (length >= 0) {
            try (OutputStream out = connection.getOutputStream()) {
                call.writeBody(out);
            } catch (IOException | RuntimeException e) {
                connection.disconnect();
                throw e;
            }
        }
        return connection;
    }

    /** The body whatever the status; read to its end and closed, the connection goes back to the cache. */
    private static InputStream body(HttpURLConnection connection, int status) throws IOException {
        InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        return body == null ? new ByteArrayInputStream(NO_BODY) : body;
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }
}
