package com.aigcaudio.tencent.client;

import com.aigcaudio.core.ErrorClass;
import com.aigcaudio.transport.ConnectFailedException;
import com.aigcaudio.transport.InterimAnswerException;

import java.io.IOException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Classifies a failure below HTTP by whether the request can have reached the service. Only failures before the
 * request was written (refused or timed-out connect, failed TLS handshake) are known to have created nothing;
 * anything later is an unknown outcome, because nobody can say how much of the request the service received.
 * Messages never name the host or port: they reach HTTP callers; the cause keeps the detail for the log.
 */
final class TransportFailures {
    private TransportFailures() {
    }

    static ApiException classify(IOException e) {
        if (e instanceof ConnectFailedException) {
            if (causedBy(e, SSLHandshakeException.class)) {
                return ApiException.transport(ErrorClass.FAILED, "TlsHandshakeFailed",
                        "TLS handshake with the API endpoint failed (check javax.net.ssl.trustStore); nothing wa"
                                + "s sent", e);
            }
            if (causedBy(e, SocketTimeoutException.class)) {
                return ApiException.transport(ErrorClass.TRANSIENT, "ConnectTimeout",
                        "could not connect to the API endpoint in time; nothing was sent", e);
            }
            return ApiException.transport(ErrorClass.TRANSIENT, "ConnectionRefused",
                    "could not connect to the API endpoint; nothing was sent", e);
        }
        if (e instanceof InterimAnswerException) {
            return ApiException.transport(ErrorClass.UNKNOWN_OUTCOME, "InterimAnswer",
                    "the API endpoint sent an interim 1xx answer that cannot be read past; a task may have been "
                            + "created", e);
        }
        if (e instanceof SocketTimeoutException) {
            return ApiException.transport(ErrorClass.UNKNOWN_OUTCOME, "Timeout",
                    "no complete answer from the API endpoint in time after the request was sent; a task may have "
                            + "been created", e);
        }
        return ApiException.transport(ErrorClass.UNKNOWN_OUTCOME, "ConnectionLost",
                "connection to the API endpoint lost after the request was sent; a task may have been created", e);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
