package com.aigcaudio.transport;

import java.net.SocketTimeoutException;

/** The exchange did not complete within its limit ({@link Call#timeout()}), however the peer kept it alive. */
public final class ExchangeLimitExceededException extends SocketTimeoutException {
    public ExchangeLimitExceededException(long limitMillis) {
        super("the exchange did not complete within " + limitMillis + " ms");
    }
}
