package com.aigcaudio.aws.auth;

import java.util.Objects;

/** An AWS access key pair, with the session token of role credentials. Never printed. */
public final class AwsCredentials {
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;

    public AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        this.sessionToken = sessionToken == null || sessionToken.isEmpty() ? null : sessionToken;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    /** The session token of temporary credentials, or null. */
    public String sessionToken() {
        return sessionToken;
    }

    @Override
    public String toString() {
        String shown = accessKeyId.length() > 8 ? accessKeyId.substring(0, 8) + "…" : "…";
        return "AwsCredentials{accessKeyId=" + shown + ", secretAccessKey=<redacted>, temporary=" + (
                sessionToken != null) + "}";
    }
}
