package com.aigcaudio.tencent.signing;

import com.aigcaudio.core.Hashing;
import com.aigcaudio.tencent.auth.Credentials;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * TC3-HMAC-SHA256, as a pure function of request, credentials and instant. Each step is its own method so that
 * tests can check it against published vectors. Signed headers are content-type and host, as the official SDKs sign.
 */
public final class Tc3Signer {
    public static final String ALGORITHM = "TC3-HMAC-SHA256";
    static final String SIGNED_HEADERS = "content-type;host";

    private Tc3Signer() {
    }

    public static Tc3Signature sign(Tc3Request request, Credentials credentials, Instant instant) {
        long timestamp = instant.getEpochSecond();
        String date = scopeDate(timestamp);
        String scope = date + "/" + request.service() + "/tc3_request";
        String canonical = canonicalRequest(request.contentType(), request.host(), request.body());
        String toSign = stringToSign(timestamp, scope, canonical);
        String signature = signature(signingKey(credentials.secretKey(), date, request.service()), toSign);
        String authorization = ALGORITHM + " Credential=" + credentials.secretId() + "/" + scope
                + ", SignedHeaders=" + SIGNED_HEADERS + ", Signature=" + signature;
        return new Tc3Signature(timestamp, canonical, toSign, signature, authorization);
    }

    /** The credential-scope date: the UTC date of the timestamp, never the local one. */
    public static String scopeDate(long epochSeconds) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC).toString();
    }

    public static String canonicalRequest(String contentType, String host, byte[] body) {
        SortedMap<String, String> headers = new TreeMap<>();
        headers.put("content-type", contentType);
        headers.put("host", host);
        return canonicalRequest(headers, body);
    }

    /**
     * The canonical request for any set of signed headers (names lower-case, sorted): values are trimmed and
     * lower-cased, as the Signature v3 document specifies.
     */
    public static String canonicalRequest(SortedMap<String, String> signedHeaders, byte[] body) {
        StringBuilder canonical = new StringBuilder("POST\n/\n\n");
        for (Map.Entry<String, String> h : signedHeaders.entrySet()) {
            canonical.append(h.getKey()).append(':').append(h.getValue().trim().toLowerCase(Locale.ROOT))
                    .append('\n');
        }
        return canonical.append('\n').append(String.join(";", signedHeaders.keySet())).append('\n')
                .append(Hashing.sha256Hex(body)).toString();
    }

    public static String stringToSign(long timestamp, String credentialScope, String canonicalRequest) {
        return ALGORITHM + "\n" + timestamp + "\n" + credentialScope + "\n" + Hashing.sha256Hex(canonicalRequest);
    }

    public static byte[] signingKey(String secretKey, String date, String service) {
        byte[] secretDate = Hashing.hmacSha256(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] secretService = Hashing.hmacSha256(secretDate, service);
        return Hashing.hmacSha256(secretService, "tc3_request");
    }

    public static String signature(byte[] signingKey, String stringToSign) {
        return Hashing.hex(Hashing.hmacSha256(signingKey, stringToSign));
    }
}
