package com.aigcaudio.tencent.client;

import com.aigcaudio.core.Service;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** Immutable settings of a {@link TencentCloudClient}. */
public final class ClientConfig {
    private final Service service;
    private final URI endpoint;
    private final String region;
    private final String language;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final int requestsPerSecond;
    private final boolean connectionWarmup;

    private ClientConfig(Builder b) {
        this.service = Objects.requireNonNull(b.service, "service");
        this.endpoint = b.endpoint != null ? b.endpoint : service.defaultEndpoint(b.international);
        this.region = b.region;
        this.language = b.language;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.retryPolicy = b.retryPolicy;
        this.requestsPerSecond = b.requestsPerSecond;
        this.connectionWarmup = b.connectionWarmup;
    }

    public static Builder builder(Service service) {
        return new Builder(service);
    }

    public Service service() {
        return service;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The X-TC-Region value, or null to leave the header out (CreateAigcAudioTask does not need it). */
    public String region() {
        return region;
    }

    /** The X-TC-Language value (zh-CN or en-US), or null. */
    public String language() {
        return language;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public int requestsPerSecond() {
        return requestsPerSecond;
    }

    /** Whether an instance opens its connection to the endpoint at start ({@link ConnectionWarmup}). */
    public boolean connectionWarmup() {
        return connectionWarmup;
    }

    @Override
    public String toString() {
        return "ClientConfig{service=" + service + ", endpoint=" + endpoint + ", region=" + region + "}";
    }

    public static final class Builder {
        private Service service;
        private URI endpoint;
        private boolean international;
        private String region;
        private String language;
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private int requestsPerSecond = 20;
        private boolean connectionWarmup = true;

        private Builder(Service service) {
            this.service = service;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Use the .intl. host (ignored when an endpoint is set). */
        public Builder international(boolean international) {
            this.international = international;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder language(String language) {
            this.language = language;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.retryPolicy = retryPolicy.withMaxAttempts(maxAttempts);
            return this;
        }

        public Builder requestsPerSecond(int requestsPerSecond) {
            this.requestsPerSecond = requestsPerSecond;
            return this;
        }

        public Builder connectionWarmup(boolean connectionWarmup) {
            this.connectionWarmup = connectionWarmup;
            return this;
        }

        public ClientConfig build() {
            return new ClientConfig(this);
        }
    }
}
