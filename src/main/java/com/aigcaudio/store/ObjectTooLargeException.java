package com.aigcaudio.store;

/** An object larger than a capped read allows; its bytes were not read. */
public final class ObjectTooLargeException extends RuntimeException {
    private final long size;

    public ObjectTooLargeException(long size, long max) {
        super("the object is " + (size < 0 ? "over " + max : size) + " bytes; at most " + max + " are read");
        this.size = size;
    }

    /** The object's size, or -1 when only known to be over the cap. */
    public long size() {
        return size;
    }
}
