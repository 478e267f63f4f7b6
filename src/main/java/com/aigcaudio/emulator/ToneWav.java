package com.aigcaudio.emulator;

import java.io.ByteArrayOutputStream;

/** A real, playable WAV made in code (no binary assets): a few seconds of a soft chord, 16-bit mono PCM. */
final class ToneWav {
    static final int SAMPLE_RATE = 16_000;

    private ToneWav() {
    }

    /** @param seed varies the chord, so different tasks sound different */
    static byte[] generate(double seconds, int seed) {
        int samples = (int) (seconds * SAMPLE_RATE);
        double root = 220.0 * Math.pow(2, (seed & 7) / 12.0);
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + samples * 2);
        writeHeader(out, samples * 2);
        for (int i = 0; i < samples; i++) {
            double t = (double) i / SAMPLE_RATE;
            double envelope = Math.min(1, t * 8) * Math.min(1, (seconds - t) * 4);
            double value = (Math.sin(2 * Math.PI * root * t) + Math.sin(2 * Math.PI * root * 1.25 * t)
                    + Math.sin(2 * Math.PI * root * 1.5 * t)) / 3 * envelope * 0.4;
            short sample = (short) (value * Short.MAX_VALUE);
            out.write(sample & 0xff);
            out.write((sample >> 8) & 0xff);
        }
        return out.toByteArray();
    }

    private static void writeHeader(ByteArrayOutputStream out, int dataBytes) {
        ascii(out, "RIFF");
        int32(out, 36 + dataBytes);
        ascii(out, "WAVE");
        ascii(out, "fmt ");
        int32(out, 16);
        int16(out, 1);
        int16(out, 1);
        int32(out, SAMPLE_RATE);
        int32(out, SAMPLE_RATE * 2);
        int16(out, 2);
        int16(out, 16);
        ascii(out, "data");
        int32(out, dataBytes);
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        for (char c : s.toCharArray()) {
            out.write(c);
        }
    }

    private static void int32(ByteArrayOutputStream out, int v) {
        int16(out, v & 0xffff);
        int16(out, (v >>> 16) & 0xffff);
    }

    private static void int16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
    }
}
