package com.aigcaudio.platform.lambda;

import com.aigcaudio.aws.secrets.SecretUnavailableException;
import com.aigcaudio.aws.secrets.SecretsManagerClient;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.tencent.auth.MissingCredentialsException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Tencent Cloud credentials kept in AWS Secrets Manager (AIGC_TENCENT_SECRET_ARN), as a JSON object with
 * {@code SecretId} and {@code SecretKey} (or {@code TENCENTCLOUD_SECRET_ID} / {@code TENCENTCLOUD_SECRET_KEY}).
 * Fetched at the first invocation, so the fetch is bounded by that invocation's deadline, and again at the first
 * invocation an hour later, so rotated keys are picked up without a redeploy; a SnapStart checkpoint forgets them,
 * and the restored instance fetches its own.
 */
public final class SecretCredentials implements CredentialsProvider {
    static final Duration REFRESH = Duration.ofHours(1);

    private final SecretsManagerClient client;
    private final String secretArn;
    private final Clock clock;
    private volatile Credentials loaded;
    private volatile Instant loadedAt;

    SecretCredentials(SecretsManagerClient client, String secretArn, Clock clock) {
        this.client = client;
        this.secretArn = secretArn;
        this.clock = clock;
    }

    /**
     * Fetches the secret unless held and younger than {@link #REFRESH}. A failed refresh keeps the held keys (they
     * may still be valid); a failed first fetch throws.
     */
    public void load(Deadline deadline) {
        Instant now = clock.instant();
        if (loaded != null && now.isBefore(loadedAt.plus(REFRESH))) {
            return;
        }
        try {
            loaded = parse(client.secretString(secretArn, deadline));
            loadedAt = now;
        } catch (SecretUnavailableException e) {
            if (loaded == null) {
                throw e;
            }
            loadedAt = now.minus(REFRESH).plus(Duration.ofMinutes(1));
        }
    }

    void forget() {
        loaded = null;
    }

    @Override
    public Credentials credentials() {
        Credentials c = loaded;
        if (c == null) {
            throw new MissingCredentialsException("the Tencent Cloud credentials in " + secretArn
                    + " are not loaded yet");
        }
        return c;
    }

    private Credentials parse(String secret) {
        Map<String, Object> fields;
        try {
            fields = Json.parseObject(secret);
        } catch (JsonSyntaxException e) {
            throw new SecretUnavailableException(secretArn + " is not a JSON object with SecretId and SecretKey");
        }
        Object id = fields.getOrDefault("SecretId", fields.get("TENCENTCLOUD_SECRET_ID"));
        Object key = fields.getOrDefault("SecretKey", fields.get("TENCENTCLOUD_SECRET_KEY"));
        if (!(id instanceof String) || !(key instanceof String) || ((String) id).isBlank() || ((String) key)
                .isBlank()) {
            throw new SecretUnavailableException(secretArn + " lacks SecretId or SecretKey (keys found: "
                    + fields.keySet() + ")");
        }
        return Credentials.of((String) id, (String) key);
    }
}
