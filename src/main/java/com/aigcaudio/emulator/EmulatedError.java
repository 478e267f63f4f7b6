package com.aigcaudio.emulator;

/** An API error the emulator answers with, in the Error envelope. */
final class EmulatedError extends RuntimeException {
    final String code;

    EmulatedError(String code, String message) {
        super(message);
        this.code = code;
    }
}
