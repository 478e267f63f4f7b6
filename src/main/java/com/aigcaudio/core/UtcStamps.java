package com.aigcaudio.core;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * UTC time stamps written and read digit by digit: the JDK's formatters cost a cold JVM about 11 ms at their first
 * use (a first {@code Instant.toString()} or {@code DateTimeFormatter.ofPattern}, measured), and these are on every
 * cold invocation's path (log lines, spend windows, SigV4 dates, S3 event times).
 */
public final class UtcStamps {
    private UtcStamps() {
    }

    /** {@code yyyyMMdd}. */
    public static String day(Instant instant) {
        return digits(utc(instant), false).toString();
    }

    /** {@code yyyyMMddHH}. */
    public static String hour(Instant instant) {
        return digits(utc(instant), true).toString();
    }

    /** What {@link Instant#toString()} writes: {@code 2026-12-03T07:08:09.123Z}, fractions in groups of 3 digits. */
    public static String iso(Instant instant) {
        LocalDateTime t = utc(instant);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return instant.toString();
        }
        StringBuilder s = new StringBuilder(30);
        pad(s, t.getYear(), 4);
        s.append('-');
        pad(s, t.getMonthValue(), 2);
        s.append('-');
        pad(s, t.getDayOfMonth(), 2);
        s.append('T');
        pad(s, t.getHour(), 2);
        s.append(':');
        pad(s, t.getMinute(), 2);
        s.append(':');
        pad(s, t.getSecond(), 2);
        int nanos = instant.getNano();
        if (nanos > 0) {
            s.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(s, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                pad(s, nanos / 1000, 6);
            } else {
                pad(s, nanos, 9);
            }
        }
        return s.append('Z').toString();
    }

    /**
     * The epoch second of an ISO 8601 UTC time, {@code 2026-12-03T07:08:09[.fraction]Z}; any other form goes to
     * {@link Instant#parse}, which also says what is wrong with it.
     *
     * @throws java.time.format.DateTimeParseException when it is not a time
     */
    public static long epochSecond(String text) {
        if (text.length() >= 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(text.length() - 1) == 'Z'
                && fractionOrNothing(text)) {
            try {
                return LocalDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10),
                        number(text, 11, 13), number(text, 14, 16), number(text, 17, 19)).toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeException | NumberFormatException e) {
                // Not a valid date after all: Instant.parse words the error.
            }
        }
        return Instant.parse(text).getEpochSecond();
    }

    /** Nothing between the seconds and the Z, or a point and 1 to 9 digits. */
    private static boolean fractionOrNothing(String text) {
        if (text.length() == 20) {
            return true;
        }
        if (text.charAt(19) != '.' || text.length() < 22 || text.length() > 30) {
            return false;
        }
        for (int i = 20; i < text.length() - 1; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** ISO 8601 basic, as SigV4 wants it: {@code yyyyMMdd'T'HHmmss'Z'}. */
    public static String basic(Instant instant) {
        LocalDateTime t = utc(instant);
        StringBuilder s = digits(t, false).append('T');
        pad(s, t.getHour(), 2);
        pad(s, t.getMinute(), 2);
        pad(s, t.getSecond(), 2);
        return s.append('Z').toString();
    }

    private static StringBuilder digits(LocalDateTime t, boolean hour) {
        StringBuilder s = new StringBuilder(16);
        pad(s, t.getYear(), 4);
        pad(s, t.getMonthValue(), 2);
        pad(s, t.getDayOfMonth(), 2);
        if (hour) {
            pad(s, t.getHour(), 2);
        }
        return s;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    }

    private static void pad(StringBuilder s, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            s.append('0');
        }
        s.append(digits);
    }
}
