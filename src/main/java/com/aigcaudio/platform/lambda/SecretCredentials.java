package com.aigcaudio.platform.lambda;

import com.aigcaudio.aws.secrets.SecretUnavailableException;
import com.aigcaudio.aws.secrets.SecretsManagerClient;
import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.tencent.auth.MissingCredentialsException;
import com.aigcaudio.tencent.client.Deadline;

import java.util.Map;

/**
 * Tencent Cloud credentials kept in AWS Secrets Manager (AIGC_TENCENT_SECRET_ARN), as a JSON object with
 * {@code SecretId} and {@code SecretKey} (or {@code TENCENTCLOUD_SECRET_ID} / {@code TENCENTCLOUD_SECRET_KEY}).
 * Fetched once per instance, at the first invocation, so the fetch is bounded by that invocation's deadline; a
 * SnapStart checkpoint forgets them, and the restored instance fetches its own.
 */
final class SecretCredentials implements CredentialsProvider {
    private final SecretsManagerClient client;
    private final String secretArn;
    private volatile Credentials loaded;

    SecretCredentials(SecretsManagerClient client, String secretArn) {
        this.client = client;
        this.secretArn = secretArn;
    }

    /** Fetches the secret unless already held. */
    void load(Deadline deadline) {
        if (loaded == null) {
            loaded = parse(client.secretString(secretArn, deadline));
        }
    }

    void forget() {
        loaded = null;
    }

    @Override
    public Credentials credentials() {
        Credentials c = loaded;
        if (c == null) {
            throw new MissingCredentialsException("the Tencent Cloud credentials in " + secretArn + " are not loaded yet");
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
        if (!(id instanceof String) || !(key instanceof String) || ((String) id).isBlank() || ((String) key).isBlank()) {
            throw new SecretUnavailableException(secretArn + " lacks SecretId or SecretKey (keys found: "
                    + fields.keySet() + ")");
        }
        return Credentials.of((String) id, (String) key);
    }
}
