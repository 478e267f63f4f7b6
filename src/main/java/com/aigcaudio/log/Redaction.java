package com.aigcaudio.log;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies of values made safe to log: fields and query parameters whose names mark a credential blanked, known
 * secret values blanked wherever they appear, a {@code headers} field that is not an object dropped, long text cut.
 */
public final class Redaction {
    static final String REDACTED = "<redacted>";
    /** Name fragments that mark a credential, matched on the name lower-cased with '-' and '_' removed. */
    private static final List<String> SECRET_NAME_PARTS = List.of("authorization", "cookie", "token", "secret",
            "password", "passwd", "signature", "apikey", "credential", "sessionid", "privatekey");
    /** Short names that carry a signature on their own (COS presigned {@code sign}, SAS-style {@code sig}). */
    private static final List<String> SECRET_NAMES = List.of("sign", "sig");
    /**
     * name=value in a query string; the value ends at a separator, a quote or a backslash (inside a JSON line).
     * Compiled on first use: a log line without '=' (every line of a cold invocation) never needs it.
     */
    private static final class QueryParameter {
        static final Pattern PATTERN = Pattern.compile("([?&;]|^)([^=&?;#\\s\"\\\\]+)=([^&;#\\s\"\\\\]*)");
    }
    private static final int MAX_STRING = 512;
    /** scheme://user:password@ — up to the first '@' before any path, query or fragment. */
    private static final class UserInfo {
        static final Pattern PATTERN = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@]*@");
    }

    private final List<String> secretValues;

    /** @param secretValues values to blank wherever they appear (the HTTP token); nulls are ignored */
    public Redaction(List<String> secretValues) {
        List<String> values = new ArrayList<>();
        for (String value : secretValues) {
            if (value != null && !value.isEmpty()) {
                values.add(value);
            }
        }
        this.secretValues = List.copyOf(values);
    }

    /** Does this field, header or parameter name carry a credential? */
    public static boolean isSecretName(String name) {
        if (SECRET_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            return true;
        }
        String normal = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (String part : SECRET_NAME_PARTS) {
            if (normal.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** The value with every secret-named field and parameter replaced and every long string truncated. */
    public Object redact(Object value) {
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            Map<?, ?> map = (Map<?, ?>) value;
            String decodedBody = Boolean.TRUE.equals(map.get("isBase64Encoded")) ? decoded(map.get("body")) : null;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object child = e.getValue();
                if (isSecretName(key)) {
                    out.put(key, REDACTED);
                } else if (decodedBody != null && key.equals("body")) {
                    // Redacted as text: a token pasted into a prompt must not survive as Base64 in the log.
                    out.put(key, truncate(redactText(decodedBody), MAX_STRING));
                } else if (decodedBody != null && key.equals("isBase64Encoded")) {
                    out.put(key, "decoded for the log");
                } else if (key.equalsIgnoreCase("headers") && child != null && !(child instanceof Map)) {
                    out.put(key, REDACTED + " (not an object)");
                } else {
                    out.put(key, redact(child));
                }
            }
            return out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object item : (List<?>) value) {
                out.add(redact(item));
            }
            return out;
        }
        return value instanceof String ? truncate(redactText((String) value), MAX_STRING) : value;
    }

    /** A Base64 body as UTF-8 text, or null when it is not Base64 of text. */
    private static String decoded(Object body) {
        if (!(body instanceof String)) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Base64.getDecoder().decode((
                    String) body)))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    /** Blanks known secret values and the values of secret-named query parameters inside free text (paths, URLs). */
    String redactText(String text) {
        String out = text;
        for (String secret : secretValues) {
            out = out.replace(secret, REDACTED);
        }
        return queryParameters(out);
    }

    /**
     * The text with the value of every secret-named query parameter ({@code sign}, {@code sig},
     * {@code q-signature}, {@code X-Amz-Signature}, security tokens…) replaced: the one rule for URLs in records
     * shown, log lines and logged events.
     */
    public static String queryParameters(String out) {
        if (out.indexOf('=') < 0) {
            return out;
        }
        Matcher m = QueryParameter.PATTERN.matcher(out);
        StringBuilder result = new StringBuilder();
        while (m.find()) {
            String replacement = isSecretName(m.group(2)) ? m.group(1) + m.group(2) + "=" + REDACTED : m.group();
            m.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(result);
        return result.toString();
    }

    /** A URL or location with any user name and password replaced by ***, so a message can show the rest. */
    public static String userInfo(String location) {
        return location == null ? null : UserInfo.PATTERN.matcher(location).replaceFirst("$1***@");
    }

    /** At most {@code max} characters, with a marker saying how much was cut. */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "…(" + (text.length() - max) + " more)";
    }
}
