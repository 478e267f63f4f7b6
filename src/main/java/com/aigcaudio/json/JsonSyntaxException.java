package com.aigcaudio.json;

/** A document that is not well-formed JSON, or not of the expected shape. */
public final class JsonSyntaxException extends RuntimeException {
    public JsonSyntaxException(String message) {
        super(message);
    }
}
