package com.aigcaudio.tencent.aigc;

import com.aigcaudio.core.InvalidRequestException;
import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Local parameter checks shared by the VOD and MPS requests; each failure names the field. */
final class Checks {
    static final int MAX_PROMPT_CHARS = 2000;
    static final List<String> AUDIO_FORMATS = List.of("mp3", "wav");

    private Checks() {
    }

    static void maxChars(String field, String value, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            throw new InvalidRequestException(field, "at most " + max + " characters, got "
                    + value.codePointCount(0, value.length()));
        }
    }

    /** Text a person typed: tabs and line breaks are fine, other control characters are not. */
    static void printable(String field, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new InvalidRequestException(field, String.format("contains control character U+%04X", (int) c));
            }
        }
    }

    static void notBlank(String field, String value) {
        if (value != null && value.trim().isEmpty()) {
            throw new InvalidRequestException(field, "must not be blank");
        }
    }

    static void range(String field, Long value, long min, long max) {
        if (value != null && (value < min || value > max)) {
            throw new InvalidRequestException(field, "must be between " + min + " and " + max + ", got " + value);
        }
    }

    static void oneOf(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new InvalidRequestException(field, "must be one of " + String.join(", ", allowed) + ", got '"
                    + value + "'");
        }
    }

    static void audioFormat(String field, String value) {
        oneOf(field, value == null ? null : value.toLowerCase(Locale.ROOT), AUDIO_FORMATS);
    }

    static void httpUrl(String field, String value) {
        if (value == null) {
            return;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new InvalidRequestException(field, "must be an http:// or https:// URL, got '" + abbreviate(
                        value) + "'");
            }
        } catch (URISyntaxException e) {
            throw new InvalidRequestException(field, "not a valid URL (" + e.getReason() + ")");
        }
    }

    static void jsonObject(String field, String value) {
        if (value == null) {
            return;
        }
        try {
            if (!(Json.parse(value) instanceof Map)) {
                throw new InvalidRequestException(field, "must be a JSON object serialised as a string");
            }
        } catch (JsonSyntaxException e) {
            throw new InvalidRequestException(field, "must be a JSON object serialised as a string ("
                    + e.getMessage() + ")");
        }
    }

    static void isoDateTime(String field, String value) {
        if (value == null) {
            return;
        }
        try {
            OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field,
                    "must be an ISO 8601 time with offset, e.g. 2026-10-01T18:00:00+08:00");
        }
    }

    static void prompt(String value) {
        notBlank("Prompt", value);
        maxChars("Prompt", value, MAX_PROMPT_CHARS);
        printable("Prompt", value);
    }

    /** The API needs something to generate from. */
    static void hasInput(String prompt, List<?> videos, List<?> audios) {
        if (prompt == null && videos.isEmpty() && audios.isEmpty()) {
            throw new InvalidRequestException("Prompt", "required when no VideoInfos or AudioInfos are given");
        }
    }

    static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
