package com.aigcaudio.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recomputes a received request's TC3-HMAC-SHA256 signature from the documented algorithm, sharing no code with the
 * signer under test (own digest, HMAC, hex and date formatting), and fails on any mismatch.
 */
public final class IndependentTc3Verifier {
    private static final Pattern AUTH = Pattern.compile(
            "TC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/([a-z]+)/tc3_request, "
                    + "SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final Map<String, String> secretKeysById;

    public IndependentTc3Verifier(Map<String, String> secretKeysById) {
        this.secretKeysById = secretKeysById;
    }

    /**
     * @param header  case-insensitive header lookup of the received request
     * @param body    the exact body bytes received
     * @param service the product the request must be signed for
     * @return null when the signature is right, otherwise what is wrong
     */
    public String problem(UnaryOperator<String> header, byte[] body, String service) {
        String authorization = header.apply("Authorization");
        if (authorization == null) {
            return "no Authorization header";
        }
        Matcher m = AUTH.matcher(authorization);
        if (!m.matches()) {
            return "malformed Authorization header";
        }
        String secretKey = secretKeysById.get(m.group(1));
        if (secretKey == null) {
            return "unknown SecretId";
        }
        String timestamp = header.apply("X-TC-Timestamp");
        if (timestamp == null) {
            return "no X-TC-Timestamp";
        }
        String day = DAY.format(Instant.ofEpochSecond(Long.parseLong(timestamp)));
        if (!day.equals(m.group(2))) {
            return "scope date " + m.group(2) + " is not the UTC date of the timestamp (" + day + ")";
        }
        if (!service.equals(m.group(3))) {
            return "signed for service " + m.group(3) + ", expected " + service;
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : m.group(4).split(";")) {
            String value = header.apply(name);
            if (value == null) {
                return "signed header " + name + " is missing";
            }
            canonicalHeaders.append(name).append(':').append(value.trim().toLowerCase(Locale.ROOT)).append('\n');
        }
        String canonical = "POST\n/\n\n" + canonicalHeaders + "\n" + m.group(4) + "\n" + VerifierCrypto.hex(
                VerifierCrypto.sha256(body));
        String scope = m.group(2) + "/" + service + "/tc3_request";
        String toSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n"
                + VerifierCrypto.hex(VerifierCrypto.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] k = VerifierCrypto.hmacSha256(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), m.group(2));
        k = VerifierCrypto.hmacSha256(k, service);
        k = VerifierCrypto.hmacSha256(k, "tc3_request");
        String expected = VerifierCrypto.hex(VerifierCrypto.hmacSha256(k, toSign));
        return expected.equals(m.group(5)) ? null : "signature mismatch";
    }
}
