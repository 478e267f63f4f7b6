package com.aigcaudio.aws.signing;

import com.aigcaudio.aws.auth.AwsCredentials;
import com.aigcaudio.core.Hashing;
import com.aigcaudio.core.UtcStamps;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * AWS Signature Version 4, step by step as the SigV4 documentation lays it out; each step is a pure function a
 * test checks against AWS's published examples. The time is a parameter: nothing here reads a clock.
 */
public final class SigV4Signer {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private SigV4Signer() {
    }

    /** {@code 20150830T123600Z}. */
    public static String amzDate(Instant time) {
        return UtcStamps.basic(time);
    }

    /** {@code 20150830/us-east-1/service/aws4_request}. */
    public static String scope(Instant time, String region, String service) {
        return amzDate(time).substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
    }

    /** The header names signed, lower-case, sorted, joined by ';'. */
    public static String signedHeaders(SigV4Request request) {
        return String.join(";", request.headers().keySet());
    }

    public static String canonicalRequest(SigV4Request request) {
        StringBuilder out = new StringBuilder();
        out.append(request.method()).append('\n').append(request.encodedPath()).append('\n')
                .append(canonicalQuery(request.query())).append('\n');
        request.headers().forEach((name, value) -> out.append(name).append(':').append(trimAll(value)).append('\n'));
        return out.append('\n').append(signedHeaders(request)).append('\n').append(request.payloadHash()).toString();
    }

    /** Parameters URI-encoded, then sorted by name and value. */
    static String canonicalQuery(List<Map.Entry<String, String>> query) {
        List<String[]> encoded = new ArrayList<>();
        for (Map.Entry<String, String> p : query) {
            encoded.add(new String[] {uriEncode(p.getKey(), true), uriEncode(p.getValue(), true)});
        }
        encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] p : encoded) {
            out.append(out.length() == 0 ? "" : "&").append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    public static String stringToSign(Instant time, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + amzDate(time) + "\n" + scope + "\n" + Hashing.sha256Hex(canonicalRequest);
    }

    public static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
        byte[] key = Hashing.hmacSha256(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = Hashing.hmacSha256(key, region);
        key = Hashing.hmacSha256(key, service);
        return Hashing.hmacSha256(key, "aws4_request");
    }

    public static String signature(SigV4Request request, AwsCredentials credentials, Instant time, String region,
                                   String service) {
        String scope = scope(time, region, service);
        byte[] key = signingKey(credentials.secretAccessKey(), scope.substring(0, 8), region, service);
        return Hashing.hex(Hashing.hmacSha256(key, stringToSign(time, scope, canonicalRequest(request))));
    }

    /** The Authorization header value. The request's headers must include host and x-amz-date. */
    public static String authorization(SigV4Request request, AwsCredentials credentials, Instant time, String region,
                                       String service) {
        return ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope(time, region, service)
                + ", SignedHeaders=" + signedHeaders(request) + ", Signature="
                + signature(request, credentials, time, region, service);
    }

    /** RFC 3986 encoding as SigV4 defines it: unreserved characters kept, everything else %XX in upper case. */
    public static String uriEncode(String value, boolean encodeSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Header values: leading and trailing space removed, inner runs of spaces collapsed to one. */
    static String trimAll(String value) {
        return value.trim().replaceAll(" +", " ");
    }
}
