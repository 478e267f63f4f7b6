package com.aigcaudio.tencent.signing;

import java.util.Objects;

/** What TC3 signs: the service name of the credential scope, the Host and Content-Type headers and the exact body. */
public final class Tc3Request {
    private final String service;
    private final String host;
    private final String contentType;
    private final byte[] body;

    public Tc3Request(String service, String host, String contentType, byte[] body) {
        this.service = Objects.requireNonNull(service, "service");
        this.host = Objects.requireNonNull(host, "host");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.body = Objects.requireNonNull(body, "body");
    }

    public String service() {
        return service;
    }

    public String host() {
        return host;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] body() {
        return body;
    }
}
