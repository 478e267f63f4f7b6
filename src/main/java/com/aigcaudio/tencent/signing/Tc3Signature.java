package com.aigcaudio.tencent.signing;

/** The result of signing, with the intermediate strings kept for tests and diagnostics. */
public final class Tc3Signature {
    private final long timestamp;
    private final String canonicalRequest;
    private final String stringToSign;
    private final String signature;
    private final String authorization;

    Tc3Signature(long timestamp, String canonicalRequest, String stringToSign, String signature, String authorization) {
        this.timestamp = timestamp;
        this.canonicalRequest = canonicalRequest;
        this.stringToSign = stringToSign;
        this.signature = signature;
        this.authorization = authorization;
    }

    /** The X-TC-Timestamp value, in epoch seconds. */
    public long timestamp() {
        return timestamp;
    }

    public String canonicalRequest() {
        return canonicalRequest;
    }

    public String stringToSign() {
        return stringToSign;
    }

    public String signature() {
        return signature;
    }

    /** The Authorization header value. A secret-equivalent: never log it. */
    public String authorization() {
        return authorization;
    }

    @Override
    public String toString() {
        return "Tc3Signature{timestamp=" + timestamp + ", authorization=<redacted>}";
    }
}
