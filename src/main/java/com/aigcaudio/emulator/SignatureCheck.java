package com.aigcaudio.emulator;

import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.signing.Tc3Signer;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a request's TC3 signature the way the API does, answering with the API's AuthFailure codes. */
final class SignatureCheck {
    /** The header's shape; what each part holds is checked one by one, so a mismatch is named precisely. */
    private static final Pattern AUTH = Pattern.compile("TC3-HMAC-SHA256 Credential=([^/,]+)/([^/,]*)/([^/,]*)/"
            + "([^/,]*), SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");
    private static final long MAX_SKEW_SECONDS = 300;

    private final Credentials credentials;
    private final String service;

    SignatureCheck(Credentials credentials, String service) {
        this.credentials = credentials;
        this.service = service;
    }

    void verify(UnaryOperator<String> header, byte[] body) {
        String authorization = header.apply("Authorization");
        Matcher m = AUTH.matcher(authorization == null ? "" : authorization);
        if (!m.matches()) {
            throw new EmulatedError("AuthFailure.InvalidAuthorization", "the Authorization header is malformed: "
                    + "expected TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/tc3_request, "
                    + "SignedHeaders=<names>, Signature=<64 hex>");
        }
        if (!"tc3_request".equals(m.group(4))) {
            throw new EmulatedError("AuthFailure.SignatureFailure", "the credential scope must end in tc3_request, "
                    + "not " + m.group(4));
        }
        if (!credentials.secretId().equals(m.group(1))) {
            throw new EmulatedError("AuthFailure.SecretIdNotFound",
                    "unknown SecretId; the emulator accepts only its own");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(String.valueOf(header.apply("X-TC-Timestamp")));
        } catch (NumberFormatException e) {
            throw new EmulatedError("MissingParameter", "X-TC-Timestamp is missing or not a number");
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - timestamp) > MAX_SKEW_SECONDS) {
            throw new EmulatedError("AuthFailure.SignatureExpire",
                    "the timestamp is more than 5 minutes from server time");
        }
        String date = Tc3Signer.scopeDate(timestamp);
        if (!service.equals(m.group(3))) {
            throw new EmulatedError("AuthFailure.SignatureFailure", "the credential scope names service '"
                    + m.group(3) + "', but this is the " + service + " endpoint: sign for '" + service + "' (a client "
                    + "that takes the service from the endpoint's first label must be pointed at a host name "
                    + "beginning with " + service + ".)");
        }
        if (!date.equals(m.group(2))) {
            throw new EmulatedError("AuthFailure.SignatureFailure", "the credential scope's date is '" + m.group(2)
                    + "', but X-TC-Timestamp " + timestamp + " is on " + date + " (UTC)");
        }
        SortedMap<String, String> signed = new TreeMap<>();
        for (String name : m.group(5).split(";")) {
            String value = header.apply(name);
            if (value == null) {
                throw new EmulatedError("AuthFailure.SignatureFailure", "signed header " + name + " was not sent");
            }
            signed.put(name, value);
        }
        if (!signed.containsKey("content-type") || !signed.containsKey("host")) {
            throw new EmulatedError("AuthFailure.SignatureFailure", "Content-Type and Host must be signed");
        }
        String canonical = Tc3Signer.canonicalRequest(signed, body);
        String scope = date + "/" + service + "/tc3_request";
        String expected = Tc3Signer.signature(Tc3Signer.signingKey(credentials.secretKey(), date, service),
                Tc3Signer.stringToSign(timestamp, scope, canonical));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), m.group(6).getBytes(
                StandardCharsets.US_ASCII))) {
            throw new EmulatedError("AuthFailure.SignatureFailure", "the signature does not match: the scope "
                    + scope + " and the signed headers " + m.group(5) + " are right, so the canonical request "
                    + "(method, path, the signed headers' values, the body's hash) or the key differs");
        }
    }
}
