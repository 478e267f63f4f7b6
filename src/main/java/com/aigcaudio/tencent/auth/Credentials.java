package com.aigcaudio.tencent.auth;

import java.util.Objects;

/** A SecretId/SecretKey pair, with a session token for temporary (role) credentials. Never printed. */
public final class Credentials {
    private final String secretId;
    private final String secretKey;
    private final String sessionToken;

    public Credentials(String secretId, String secretKey, String sessionToken) {
        this.secretId = requireText(secretId, "secretId");
        this.secretKey = requireText(secretKey, "secretKey");
        this.sessionToken = sessionToken == null || sessionToken.isEmpty() ? null : sessionToken;
    }

    public static Credentials of(String secretId, String secretKey) {
        return new Credentials(secretId, secretKey, null);
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.trim().isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
        return value.trim();
    }

    public String secretId() {
        return secretId;
    }

    public String secretKey() {
        return secretKey;
    }

    /** The session token of temporary credentials, or null. */
    public String sessionToken() {
        return sessionToken;
    }

    @Override
    public String toString() {
        // The SecretId is an identifier, not a secret, but only its prefix is needed to tell keys apart in a log.
        String shown = secretId.length() > 8 ? secretId.substring(0, 8) + "…" : "…";
        return "Credentials{secretId=" + shown + ", secretKey=<redacted>, temporary=" + (sessionToken != null) + "}";
    }
}
