package com.aigcaudio.transport;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
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
 * only the caller may decide that. The whole exchange, answer body included, ends by {@link Call#timeout()}
 * ({@link ExchangeLimit} until the answer's headers are in, then {@code LimitedBody}); an interim 1xx answer is an
 * {@link InterimAnswerException}, never a final status.
 */
public final class UrlConnectionTransport implements Transport {
    private static final byte[] NO_BODY = new byte[0];
    private final Duration connectTimeout;

    public UrlConnectionTransport(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public Reply send(Call call) throws IOException {
        try (OpenReply reply = open(call)) {
            return reply.head().withBody(reply.body().readAllBytes());
        }
    }

    @Override
    public OpenReply open(Call call) throws IOException {
        Exchange exchange = exchange(call);
        try {
            int status = exchange.status();
            Reply head = new Reply(status, exchange.connection.getHeaderFields(), NO_BODY);
            // From here the body's own reads keep the limit: a disconnect from another thread now would wait for
            // the body stream's lock, held by a read in progress.
            exchange.alarm.disarm();
            return new OpenReply(head, new LimitedBody(body(exchange.connection, status), exchange));
        } catch (IOException e) {
            exchange.end();
            throw exchange.failed(e);
        } catch (RuntimeException e) {
            exchange.end();
            throw e;
        }
    }

    private Exchange exchange(Call call) throws IOException {
        URLConnection opened = call.uri().toURL().openConnection();
        if (!(opened instanceof HttpURLConnection)) {
            throw new IllegalArgumentException("not an http(s) URL: " + call.uri().getScheme());
        }
        HttpURLConnection connection = (HttpURLConnection) opened;
        connection.setRequestMethod(call.method());
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        int limit = millis(call.timeout());
        connection.setConnectTimeout(Math.min(millis(connectTimeout), limit));
        connection.setReadTimeout(Math.min(millis(call.stallLimit()), limit));
        connection.setRequestProperty("Accept", "*/*");
        call.headers().forEach(connection::setRequestProperty);
        long length = call.bodyLength();
        if (length >= 0) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(length);
        }
        Exchange exchange = new Exchange(connection, ExchangeLimit.arm(connection, call.timeout().toNanos()), limit);
        try {
            connection.connect();
            if (exchange.alarm.fired()) {
                throw new ExchangeLimitExceededException(limit);
            }
        } catch (IOException e) {
            exchange.end();
            throw new ConnectFailedException(exchange.alarm.fired() ? new ExchangeLimitExceededException(limit) : e);
        }
        if (length >= 0) {
            try (OutputStream out = connection.getOutputStream()) {
                call.writeBody(out);
            } catch (IOException e) {
                exchange.end();
                throw exchange.failed(e);
            } catch (RuntimeException e) {
                exchange.end();
                throw e;
            }
        }
        return exchange;
    }

    /** The body whatever the status; read to its end and closed, the connection goes back to the cache. */
    private static InputStream body(HttpURLConnection connection, int status) throws IOException {
        InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        return body == null ? new ByteArrayInputStream(NO_BODY) : body;
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    /** A connection with its limit, after the connect. */
    private static final class Exchange {
        final HttpURLConnection connection;
        final ExchangeLimit.Alarm alarm;
        final int limitMillis;

        Exchange(HttpURLConnection connection, ExchangeLimit.Alarm alarm, int limitMillis) {
            this.connection = connection;
            this.alarm = alarm;
            this.limitMillis = limitMillis;
        }

        int status() throws IOException {
            int status = connection.getResponseCode();
            if (status >= 100 && status < 200) {
                connection.disconnect();
                throw new InterimAnswerException(status);
            }
            return status;
        }

        /**
         * A failed exchange: its connection is not kept. Once the limit fired, the aborting thread owns the
         * connection; touching it here would wait for that thread's close (which may drain the rest of the body).
         */
        void end() {
            alarm.disarm();
            if (!alarm.fired()) {
                connection.disconnect();
            }
        }

        /** What a failure is reported as: once the limit has ended the exchange, that is what happened. */
        IOException failed(IOException e) {
            if (alarm.expired() && !(e instanceof ExchangeLimitExceededException)) {
                ExchangeLimitExceededException limited = new ExchangeLimitExceededException(limitMillis);
                limited.initCause(e);
                return limited;
            }
            return e;
        }
    }

    /**
     * The answer's body under the exchange's limit; closing it ends the exchange. The limit is checked before each
     * read, and each read waits at most the stall limit: the JDK's body stream cannot be interrupted while a read
     * waits (a disconnect from another thread takes effect when that read returns), so a body that trickles ends
     * at most one read's wait after the limit.
     */
    private static final class LimitedBody extends FilterInputStream {
        private final Exchange exchange;

        LimitedBody(InputStream body, Exchange exchange) {
            super(body);
            this.exchange = exchange;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int size) throws IOException {
            if (size == 0) {
                return 0;
            }
            try {
                if (exchange.alarm.expired()) {
                    throw new ExchangeLimitExceededException(exchange.limitMillis);
                }
                return super.read(buffer, offset, size);
            } catch (IOException e) {
                exchange.end();
                throw exchange.failed(e);
            }
        }

        @Override
        public void close() throws IOException {
            exchange.alarm.disarm();
            if (!exchange.alarm.fired()) {
                super.close();
            }
        }
    }
}
