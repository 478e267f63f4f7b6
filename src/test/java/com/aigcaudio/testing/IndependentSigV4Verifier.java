package com.aigcaudio.testing;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Recomputes AWS SigV4 signatures (header-signed requests and presigned URLs) from the published algorithm, sharing
 * no code with the signer under test, and reports what is wrong. Written against the raw request: the path and
 * query as they arrived on the wire.
 */
public final class IndependentSigV4Verifier {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private final String accessKeyId;
    private final String secret;
    private final String expectedToken;

    /** @param expectedToken the session token every request must carry, or null */
    public IndependentSigV4Verifier(String accessKeyId, String secret, String expectedToken) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.expectedToken = expectedToken;
    }

    /** A header-signed request; {@code header} looks headers up by name, case-insensitively. Null when valid. */
    public String problem(String method, String rawPath, String rawQuery, UnaryOperator<String> header, byte[] body,
                          long nowEpochSeconds) {
        String auth = header.apply("Authorization");
        if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 ")) {
            return "no SigV4 Authorization header";
        }
        String credential = field(auth, "Credential");
        String signedHeaders = field(auth, "SignedHeaders");
        String signature = field(auth, "Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            return "Authorization lacks Credential, SignedHeaders or Signature";
        }
        String date = header.apply("x-amz-date");
        if (date == null) {
            return "no x-amz-date";
        }
        if (!(";" + signedHeaders + ";").contains(";host;")) {
            return "host is not signed";
        }
        if (expectedToken != null && !expectedToken.equals(header.apply("x-amz-security-token"))) {
            return "session token missing or wrong";
        }
        String payload = header.apply("x-amz-content-sha256");
        if (payload == null) {
            payload = VerifierCrypto.hex(VerifierCrypto.sha256(body));
        } else if (!payload.equals("UNSIGNED-PAYLOAD") && !payload.equals(VerifierCrypto.hex(VerifierCrypto.sha256(
                body)))) {
            return "x-amz-content-sha256 does not match the body";
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            String value = header.apply(name);
            if (value == null) {
                return "signed header " + name + " is missing";
            }
            canonicalHeaders.append(name).append(':').append(value.trim().replaceAll("\\s+", " ")).append('\n');
        }
        String canonical = method + "\n" + rawPath + "\n" + sortedQuery(rawQuery, null) + "\n" + canonicalHeaders
                + "\n" + signedHeaders + "\n" + payload;
        return check(credential, date, canonical, signature, nowEpochSeconds, 900);
    }

    /** A presigned URL, as the service would receive it. Null when valid at {@code nowEpochSeconds}. */
    public String presignedProblem(URI url, long nowEpochSeconds) {
        TreeMap<String, String> params = new TreeMap<>();
        for (String part : url.getRawQuery().split("&")) {
            int eq = part.indexOf('=');
            params.put(decode(part.substring(0, eq)), decode(part.substring(eq + 1)));
        }
        if (!"AWS4-HMAC-SHA256".equals(params.get("X-Amz-Algorithm"))) {
            return "wrong or missing X-Amz-Algorithm";
        }
        if (!"host".equals(params.get("X-Amz-SignedHeaders"))) {
            return "only host should be signed, got " + params.get("X-Amz-SignedHeaders");
        }
        if (expectedToken != null && !expectedToken.equals(params.get("X-Amz-Security-Token"))) {
            return "session token missing or wrong";
        }
        long expires = Long.parseLong(params.get("X-Amz-Expires"));
        if (expires > 604800) {
            return "X-Amz-Expires over 7 days";
        }
        String host = url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
        String canonical = "GET\n" + url.getRawPath() + "\n" + sortedQuery(url.getRawQuery(), "X-Amz-Signature")
                + "\nhost:" + host + "\n\nhost\nUNSIGNED-PAYLOAD";
        return check(params.get("X-Amz-Credential"), params.get("X-Amz-Date"), canonical,
                params.get("X-Amz-Signature"), nowEpochSeconds, expires);
    }

    private String check(String credential, String date, String canonical, String signature, long now, long validFor) {
        String[] parts = credential.split("/");
        if (parts.length != 5 || !parts[0].equals(accessKeyId) || !parts[4].equals("aws4_request")) {
            return "bad credential scope " + credential;
        }
        if (!date.startsWith(parts[1])) {
            return "credential date differs from the request date";
        }
        long signedAt = LocalDateTime.parse(date, STAMP).toEpochSecond(ZoneOffset.UTC);
        if (now < signedAt - 300 || now > signedAt + validFor) {
            return "signature not valid now";
        }
        String scope = parts[1] + "/" + parts[2] + "/" + parts[3] + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n" + VerifierCrypto.hex(VerifierCrypto.sha256(
                canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = VerifierCrypto.hmacSha256(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), parts[1]);
        for (String step : new String[] {parts[2], parts[3], "aws4_request"}) {
            key = VerifierCrypto.hmacSha256(key, step);
        }
        String expected = VerifierCrypto.hex(VerifierCrypto.hmacSha256(key, toSign));
        return expected.equals(signature) ? null : "signature mismatch";
    }

    /** The query re-encoded the strict RFC 3986 way and sorted, optionally without one parameter. */
    private static String sortedQuery(String rawQuery, String without) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq));
            String value = eq < 0 ? "" : decode(part.substring(eq + 1));
            if (!name.equals(without)) {
                pairs.add(strict(name) + "=" + strict(value));
            }
        }
        pairs.sort(null);
        return String.join("&", pairs);
    }

    private static String strict(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String field(String auth, String name) {
        for (String part : auth.substring(auth.indexOf(' ') + 1).split(",")) {
            String p = part.trim();
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return null;
    }
}
