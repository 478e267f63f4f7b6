package com.aigcaudio.transport;

import java.io.IOException;

/** No connection was made (refused, timed out, TLS handshake failed): the request was not sent. */
public final class ConnectFailedException extends IOException {
    public ConnectFailedException(IOException cause) {
        super(cause.getClass().getSimpleName(), cause);
    }
}
