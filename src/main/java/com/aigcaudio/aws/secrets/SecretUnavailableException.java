package com.aigcaudio.aws.secrets;

/** The secret could not be read: unreachable, refused, or not in the expected form. The message never holds it. */
public final class SecretUnavailableException extends RuntimeException {
    public SecretUnavailableException(String message) {
        super(message);
    }
}
