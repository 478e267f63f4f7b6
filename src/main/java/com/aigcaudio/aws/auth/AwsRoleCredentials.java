package com.aigcaudio.aws.auth;

import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;
import com.aigcaudio.transport.Call;
import com.aigcaudio.transport.Reply;
import com.aigcaudio.transport.Transport;
import com.aigcaudio.transport.UrlConnectionTransport;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The execution role's credentials, where Lambda puts them: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
 * AWS_SESSION_TOKEN, or, with SnapStart (where those are not set), the container credentials endpoint
 * (AWS_CONTAINER_CREDENTIALS_FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN or _TOKEN_FILE). Endpoint credentials
 * are kept until five minutes before they expire; a restored instance builds a new provider, so none crosses a
 * snapshot.
 */
public final class AwsRoleCredentials implements Supplier<AwsCredentials> {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

    private final UnaryOperator<String> lookup;
    private final Transport http;
    private final Clock clock;
    private volatile AwsCredentials cached;
    private volatile Instant refreshAt = Instant.MIN;

    /** With a transport of its own (only the container endpoint needs one). */
    public AwsRoleCredentials(UnaryOperator<String> lookup) {
        this(lookup, new UrlConnectionTransport(TIMEOUT), Clock.systemUTC());
    }

    public AwsRoleCredentials(UnaryOperator<String> lookup, Transport http, Clock clock) {
        this.lookup = lookup;
        this.http = http;
        this.clock = clock;
    }

    /** Whether the environment names a source of credentials (checked at start; nothing is fetched). */
    public boolean configured() {
        return text("AWS_ACCESS_KEY_ID") != null || text("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null;
    }

    @Override
    public AwsCredentials get() {
        String id = text("AWS_ACCESS_KEY_ID");
        String secret = text("AWS_SECRET_ACCESS_KEY");
        if (id != null && secret != null) {
            return new AwsCredentials(id, secret, text("AWS_SESSION_TOKEN"));
        }
        String uri = text("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (uri == null) {
            throw new IllegalStateException("no AWS credentials: neither AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY nor "
                    + "AWS_CONTAINER_CREDENTIALS_FULL_URI is set (Lambda sets them from the function's execution"
                            + " role)");
        }
        AwsCredentials current = cached;
        if (current != null && clock.instant().isBefore(refreshAt)) {
            return current;
        }
        synchronized (this) {
            if (cached == null || !clock.instant().isBefore(refreshAt)) {
                fetch(uri);
            }
            return cached;
        }
    }

    private void fetch(String uri) {
        Call request = Call.get(URI.create(uri)).timeout(TIMEOUT);
        String token = token();
        if (token != null) {
            request.header("Authorization", token);
        }
        Reply response;
        try {
            response = http.send(request);
        } catch (IOException e) {
            throw new IllegalStateException("the container credentials endpoint could not be reached ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (response.status() != 200) {
            throw new IllegalStateException("the container credentials endpoint answered HTTP " + response.status());
        }
        try {
            Map<String, Object> body = Json.parseObject(new String(response.body(), StandardCharsets.UTF_8));
            Object id = body.get("AccessKeyId");
            Object secret = body.get("SecretAccessKey");
            if (!(id instanceof String) || !(secret instanceof String)) {
                throw new IllegalStateException("the container credentials lack AccessKeyId or SecretAccessKey");
            }
            Object expiration = body.get("Expiration");
            Instant expires = expiration instanceof String ? Instant.parse((String) expiration) : clock.instant();
            cached = new AwsCredentials((String) id, (String) secret, (String) body.get("Token"));
            refreshAt = expires.minus(REFRESH_BEFORE);
        } catch (JsonSyntaxException | DateTimeParseException | ClassCastException e) {
            throw new IllegalStateException("the container credentials endpoint answered something unreadable");
        }
    }

    private String token() {
        String token = text("AWS_CONTAINER_AUTHORIZATION_TOKEN");
        String file = text("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        if (token == null && file != null) {
            try {
                token = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new IllegalStateException("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE cannot be read");
            }
        }
        return token;
    }

    private String text(String name) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
