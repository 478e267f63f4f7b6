package com.aigcaudio.trigger;

/** An event that is not of a shape this function handles; the message names the field at fault. */
public final class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }
}
