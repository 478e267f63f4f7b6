package com.aigcaudio.tencent.auth;

/** Supplies the credentials to sign the next request with. */
@FunctionalInterface
public interface CredentialsProvider {
    Credentials credentials() throws MissingCredentialsException;

    static CredentialsProvider fixed(Credentials credentials) {
        return () -> credentials;
    }
}
