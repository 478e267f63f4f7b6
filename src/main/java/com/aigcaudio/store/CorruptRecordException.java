package com.aigcaudio.store;

/**
 * A stored record that cannot be read as what it should be (truncated, empty, of a later version). Not an outage:
 * asking the store again gives the same bytes, so callers set that one record aside and go on with the rest.
 */
public final class CorruptRecordException extends RuntimeException {
    public CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
