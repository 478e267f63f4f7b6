package com.aigcaudio.json;

/** A document that is not well-formed JSON, or not of the expected shape; {@link #key()} names a duplicate key. */
public final class JsonSyntaxException extends RuntimeException {
    private final String key;

    public JsonSyntaxException(String message) {
        this(message, null);
    }

    public JsonSyntaxException(String message, String key) {
        super(message);
        this.key = key;
    }

    /** The key that appeared twice, or null. */
    public String key() {
        return key;
    }
}
