package com.aigcaudio.core;

import java.net.URI;

/** The Tencent Cloud products this client calls, with the API version and signing name of each. */
public enum Service {
    VOD("vod", "2018-07-17"),
    MPS("mps", "2019-06-12");

    private final String signingName;
    private final String version;

    Service(String signingName, String version) {
        this.signingName = signingName;
        this.version = version;
    }

    /** The TC3 credential-scope service name; fixed by the product, never parsed from an overridden host. */
    public String signingName() {
        return signingName;
    }

    public String version() {
        return version;
    }

    public URI defaultEndpoint(boolean international) {
        return URI.create("https://" + signingName + (international ? ".intl" : "") + ".tencentcloudapi.com/");
    }

    public static Service fromName(String name) {
        for (Service service : values()) {
            if (service.signingName.equalsIgnoreCase(name)) {
                return service;
            }
        }
        throw new IllegalArgumentException("unknown service '" + name + "' (expected vod or mps)");
    }
}
