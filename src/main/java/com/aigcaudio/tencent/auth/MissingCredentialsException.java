package com.aigcaudio.tencent.auth;

/** No credentials were found in any of the places searched. */
public final class MissingCredentialsException extends RuntimeException {
    public MissingCredentialsException(String message) {
        super(message);
    }
}
