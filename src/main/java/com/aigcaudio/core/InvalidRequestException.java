package com.aigcaudio.core;

/** A request rejected locally, before any call; names the offending field. */
public final class InvalidRequestException extends RuntimeException {
    private final String field;

    public InvalidRequestException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The parameter path, e.g. {@code OutputConfig.Duration} or {@code VideoInfos[0].Url}. */
    public String field() {
        return field;
    }
}
