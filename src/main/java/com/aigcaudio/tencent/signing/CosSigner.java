package com.aigcaudio.tencent.signing;

import com.aigcaudio.core.Hashing;
import com.aigcaudio.tencent.auth.Credentials;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * COS XML API request signature (q-sign-algorithm=sha1), as a pure function of request, credentials and key time.
 * Shared by everything that talks to COS (the idempotency store now; presigned URLs later).
 */
public final class CosSigner {
    private CosSigner() {
    }

    /** q-key-time: a request is valid from {@code startSeconds} to {@code endSeconds} (epoch seconds). */
    public static String keyTime(long startSeconds, long endSeconds) {
        return startSeconds + ";" + endSeconds;
    }

    /** The Authorization header value for a request valid during {@code keyTime} ({@link #keyTime}). */
    public static String authorization(String method, String path, Map<String, String> params,
                                       Map<String, String> headers, Credentials credentials, String keyTime) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : fields(method, path, params, headers, credentials, keyTime).entrySet()) {
            out.append(out.length() == 0 ? "" : "&").append(e.getKey()).append('=').append(e.getValue());
        }
        return out.toString();
    }

    /**
     * The signature's fields in their documented order (q-sign-algorithm … q-signature), as the Authorization
     * header joins them and a presigned URL carries them as query parameters.
     *
     * @param path the request path as stored, starting with '/', not percent-encoded
     */
    public static Map<String, String> fields(String method, String path, Map<String, String> params,
                                             Map<String, String> headers, Credentials credentials, String keyTime) {
        Canonical p = canonical(params);
        Canonical h = canonical(headers);
        String signature = signature(signKey(credentials.secretKey(), keyTime),
                stringToSign(keyTime, httpString(method, path, p.pairs, h.pairs)));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("q-sign-algorithm", "sha1");
        fields.put("q-ak", credentials.secretId());
        fields.put("q-sign-time", keyTime);
        fields.put("q-key-time", keyTime);
        fields.put("q-header-list", h.names);
        fields.put("q-url-param-list", p.names);
        fields.put("q-signature", signature);
        return fields;
    }

    public static String signKey(String secretKey, String keyTime) {
        return Hashing.hex(Hashing.hmac("HmacSHA1", secretKey.getBytes(StandardCharsets.UTF_8), keyTime));
    }

    public static String httpString(String method, String path, String httpParameters, String httpHeaders) {
        return method.toLowerCase(Locale.ROOT) + "\n" + path + "\n" + httpParameters + "\n" + httpHeaders + "\n";
    }

    public static String stringToSign(String keyTime, String httpString) {
        return "sha1\n" + keyTime + "\n"
                + Hashing.hex(Hashing.digest("SHA-1", httpString.getBytes(StandardCharsets.UTF_8))) + "\n";
    }

    public static String signature(String signKey, String stringToSign) {
        return Hashing.hex(Hashing.hmac("HmacSHA1", signKey.getBytes(StandardCharsets.UTF_8), stringToSign));
    }

    /** Lower-cased, percent-encoded names sorted, with their encoded values: {@code a=1&b=2} and {@code a;b}. */
    static Canonical canonical(Map<String, String> entries) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            sorted.put(encode(e.getKey().toLowerCase(Locale.ROOT)), encode(e.getValue()));
        }
        StringBuilder pairs = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (pairs.length() > 0) {
                pairs.append('&');
                names.append(';');
            }
            pairs.append(e.getKey()).append('=').append(e.getValue());
            names.append(e.getKey());
        }
        return new Canonical(pairs.toString(), names.toString());
    }

    /** RFC 3986 percent-encoding: unreserved characters stay, everything else becomes %XX (upper-case hex). */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    static final class Canonical {
        final String pairs;
        final String names;

        Canonical(String pairs, String names) {
            this.pairs = pairs;
            this.names = names;
        }
    }
}
