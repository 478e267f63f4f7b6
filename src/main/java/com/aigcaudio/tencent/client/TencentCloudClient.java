package com.aigcaudio.tencent.client;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.ErrorClass;
import com.aigcaudio.core.Sleeper;
import com.aigcaudio.json.Json;
import com.aigcaudio.log.Logger;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.tencent.signing.Tc3Request;
import com.aigcaudio.tencent.signing.Tc3Signature;
import com.aigcaudio.tencent.signing.Tc3Signer;
import com.aigcaudio.transport.Call;
import com.aigcaudio.transport.Reply;
import com.aigcaudio.transport.Transport;
import com.aigcaudio.transport.UrlConnectionTransport;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls Tencent Cloud API 3.0 actions over a {@link Transport}: signs with TC3, limits the request rate, retries
 * throttled and transient failures with jittered backoff inside the invocation's deadline, never resends a request
 * that is not {@link ApiRequest#idempotent()} once its bytes may have reached the service (only the service's own
 * answer that it did nothing allows that), and corrects its clock once when the service reports an expired
 * signature.
 * Thread-safe; build one per process and share it.
 */
public final class TencentCloudClient {
    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    /** Less time than this left is not worth an attempt. */
    static final Duration MIN_ATTEMPT_TIME = Duration.ofMillis(200);
    private static final Logger LOG = Logger.get(TencentCloudClient.class);

    private final ClientConfig config;
    private final CredentialsProvider credentials;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RateLimiter rateLimiter;
    private final ConcurrentHashMap<String, RateLimiter> actionLimiters = new ConcurrentHashMap<>();
    private final String host;
    private final Transport http;
    private volatile long clockOffsetMillis;

    public TencentCloudClient(ClientConfig config, CredentialsProvider credentials) {
        this(config, credentials, new UrlConnectionTransport(config.connectTimeout()));
    }

    public TencentCloudClient(ClientConfig config, CredentialsProvider credentials, Transport http) {
        this(config, credentials, http, Clock.systemUTC(), Sleeper.SYSTEM, RateLimiter.perSecond(
                config.requestsPerSecond()));
    }

    public TencentCloudClient(ClientConfig config, CredentialsProvider credentials, Clock clock, Sleeper sleeper,
                              RateLimiter rateLimiter) {
        this(config, credentials, new UrlConnectionTransport(config.connectTimeout()), clock, sleeper, rateLimiter);
    }

    TencentCloudClient(ClientConfig config, CredentialsProvider credentials, Transport http, Clock clock,
                       Sleeper sleeper, RateLimiter rateLimiter) {
        this.http = http;
        this.config = config;
        this.credentials = credentials;
        this.clock = clock;
        this.sleeper = sleeper;
        this.rateLimiter = rateLimiter;
        this.host = Transport.hostHeader(config.endpoint());
    }

    public ClientConfig config() {
        return config;
    }

    /** Validates, signs and sends the request; returns the Response fields or throws {@link ApiException}. */
    public ApiResponse call(ApiRequest request, Deadline deadline) {
        if (request.service() != config.service()) {
            throw new IllegalArgumentException(request.action() + " is a " + request.service()
                    + " request but this client calls " + config.service());
        }
        request.validate();
        byte[] body = Json.toBytes(request.toJsonValue());
        Credentials signingCredentials = credentials.credentials();
        RetryPolicy policy = config.retryPolicy();
        boolean clockCorrected = false;
        int counted = 0;
        int sent = 0;
        while (true) {
            acquirePermit(limiter(request), deadline, sent);
            counted++;
            sent++;
            Exchange exchange = send(request.action(), body, signingCredentials, deadline);
            if (exchange.fields != null) {
                return new ApiResponse(exchange.fields, sent);
            }
            ApiException error = request.idempotent() ? exchange.error.retryableRead() : exchange.error;
            if (!clockCorrected && "AuthFailure.SignatureExpire".equals(error.code()) && exchange.serverTime != null) {
                clockCorrected = true;
                counted--;
                clockOffsetMillis = exchange.serverTime.toEpochMilli() - clock.millis();
                LOG.warn("clock skew corrected from the response Date header", "offset_ms", clockOffsetMillis,
                        "request_id", error.requestId());
                continue;
            }
            if (!policy.allowsRetry(error.errorClass(), counted)) {
                throw error.afterAttempts(sent);
            }
            Duration pause = policy.backoff(error.errorClass(), counted);
            if (deadline.remaining().compareTo(pause.plus(MIN_ATTEMPT_TIME)) < 0) {
                LOG.warn("not retrying: the invocation deadline is too close", "error_code", error.code(),
                        "attempts", sent);
                throw error.afterAttempts(sent);
            }
            LOG.warn("retrying", "error_code", error.code(), "request_id", error.requestId(), "attempt", sent,
                    "pause_ms", pause.toMillis());
            pause(pause, error, sent);
        }
    }

    private RateLimiter limiter(ApiRequest request) {
        int perSecond = request.requestsPerSecond();
        return perSecond == 0 ? rateLimiter
                : actionLimiters.computeIfAbsent(request.action(), action -> RateLimiter.perSecond(perSecond));
    }

    private void acquirePermit(RateLimiter limiter, Deadline deadline, int sent) {
        Duration maxWait = deadline.remaining().minus(MIN_ATTEMPT_TIME);
        boolean granted = false;
        if (!maxWait.isNegative()) {
            try {
                granted = limiter.acquire(maxWait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!granted) {
            String why = maxWait.isNegative() ? "the invocation deadline leaves no time for a request"
                    : "the client-side rate limit for this action leaves no slot before the deadline";
            throw new ApiException(maxWait.isNegative() ? ErrorClass.TRANSIENT : ErrorClass.THROTTLED,
                    maxWait.isNegative() ? "DeadlineExceeded" : "ClientRateLimited", why + "; nothing was sent",
                    null, 0).afterAttempts(sent);
        }
    }

    private void pause(Duration pause, ApiException error, int sent) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error.afterAttempts(sent);
        }
    }

    private Exchange send(String action, byte[] body, Credentials signingCredentials, Deadline deadline) {
        Instant now = Instant.ofEpochMilli(clock.millis() + clockOffsetMillis);
        Tc3Signature signature = Tc3Signer.sign(
                new Tc3Request(config.service().signingName(), host, CONTENT_TYPE, body), signingCredentials, now);
        Call call = Call.post(config.endpoint(), body)
                .timeout(deadline.cap(config.requestTimeout()))
                .header("Authorization", signature.authorization())
                .header("Content-Type", CONTENT_TYPE)
                .header("X-TC-Action", action)
                .header("X-TC-Version", config.service().version())
                .header("X-TC-Timestamp", Long.toString(signature.timestamp()));
        if (config.region() != null) {
            call.header("X-TC-Region", config.region());
        }
        if (signingCredentials.sessionToken() != null) {
            call.header("X-TC-Token", signingCredentials.sessionToken());
        }
        if (config.language() != null) {
            call.header("X-TC-Language", config.language());
        }
        Reply reply;
        try {
            reply = http.send(call);
        } catch (IOException e) {
            return Exchange.failed(TransportFailures.classify(e), null);
        }
        try {
            return Exchange.succeeded(ResponseReader.read(reply.status(), reply.body()));
        } catch (ApiException e) {
            return Exchange.failed(e, serverTime(reply));
        }
    }

    private static Instant serverTime(Reply reply) {
        return reply.header("Date").map(value -> {
            try {
                return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }).orElse(null);
    }

    private static final class Exchange {
        final Map<String, Object> fields;
        final ApiException error;
        final Instant serverTime;

        private Exchange(Map<String, Object> fields, ApiException error, Instant serverTime) {
            this.fields = fields;
            this.error = error;
            this.serverTime = serverTime;
        }

        static Exchange succeeded(Map<String, Object> fields) {
            return new Exchange(fields, null, null);
        }

        static Exchange failed(ApiException error, Instant serverTime) {
            return new Exchange(null, error, serverTime);
        }
    }
}
