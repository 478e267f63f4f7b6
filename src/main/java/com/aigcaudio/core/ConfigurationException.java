package com.aigcaudio.core;

/** Invalid configuration, detected at start; the message names the variable. */
public final class ConfigurationException extends RuntimeException {
    private final String variable;

    public ConfigurationException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
