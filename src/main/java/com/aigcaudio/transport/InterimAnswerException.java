package com.aigcaudio.transport;

import java.io.IOException;

/**
 * The peer sent an interim 1xx answer (102 Processing, 103 Early Hints). {@code HttpURLConnection} reports it as if
 * it were the final answer and cannot read past it, so the final answer is lost: the request reached the peer and
 * what it did is unknown.
 */
public final class InterimAnswerException extends IOException {
    public InterimAnswerException(int status) {
        super("interim answer HTTP " + status + " where the final one was expected");
    }
}
