package com.aigcaudio.aws.secrets;

import com.aigcaudio.aws.auth.AwsCredentials;
import com.aigcaudio.aws.signing.S3Presigner;
import com.aigcaudio.aws.signing.SigV4Request;
import com.aigcaudio.aws.signing.SigV4Signer;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.Hashing;
import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;
import com.aigcaudio.transport.Call;
import com.aigcaudio.transport.Reply;
import com.aigcaudio.transport.Transport;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * AWS Secrets Manager's GetSecretValue over its JSON protocol (POST, {@code X-Amz-Target}), SigV4-signed with the
 * role's credentials. Messages name the secret's ARN and the error code, never the secret.
 */
public final class SecretsManagerClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final String JSON = "application/x-amz-json-1.1";

    private final URI endpoint;
    private final String region;
    private final Supplier<AwsCredentials> credentials;
    private final Transport http;
    private final Clock clock;

    /** @param endpoint {@code https://secretsmanager.<region>.amazonaws.com/}, or a stand-in */
    public SecretsManagerClient(URI endpoint, String region, Supplier<AwsCredentials> credentials,
                                Transport http, Clock clock) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.http = http;
        this.clock = clock;
    }

    public static URI endpointFor(String region) {
        return URI.create("https://secretsmanager." + region + ".amazonaws.com/");
    }

    /** The secret's SecretString. */
    public String secretString(String secretArn, Deadline deadline) {
        byte[] body = Json.toBytes(Map.of("SecretId", secretArn));
        Instant now = clock.instant();
        AwsCredentials c = credentials.get();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", JSON);
        headers.put("host", S3Presigner.authority(endpoint));
        headers.put("x-amz-date", SigV4Signer.amzDate(now));
        headers.put("x-amz-target", "secretsmanager.GetSecretValue");
        if (c.sessionToken() != null) {
            headers.put("x-amz-security-token", c.sessionToken());
        }
        SigV4Request request = new SigV4Request("POST", "/", List.of(), headers, Hashing.sha256Hex(body));
        Call call = Call.post(endpoint, body).timeout(deadline.cap(TIMEOUT))
                .header("Authorization", SigV4Signer.authorization(request, c, now, region, "secretsmanager"));
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                call.header(name, value);
            }
        });
        Reply response;
        try {
            response = http.send(call);
        } catch (IOException e) {
            throw new SecretUnavailableException("Secrets Manager could not be reached for " + secretArn + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        Map<String, Object> answer;
        try {
            answer = Json.parseObject(new String(response.body(), StandardCharsets.UTF_8));
        } catch (JsonSyntaxException e) {
            throw new SecretUnavailableException("Secrets Manager answered HTTP " + response.status()
                    + " without a JSON body for " + secretArn);
        }
        if (response.status() != 200) {
            String type = String.valueOf(answer.get("__type"));
            throw new SecretUnavailableException("Secrets Manager refused " + secretArn + ": "
                    + type.substring(type.lastIndexOf('#') + 1) + " (HTTP " + response.status() + ")");
        }
        Object secret = answer.get("SecretString");
        if (!(secret instanceof String)) {
            throw new SecretUnavailableException(secretArn + " has no SecretString (binary secrets are not supported)");
        }
        return (String) secret;
    }
}
