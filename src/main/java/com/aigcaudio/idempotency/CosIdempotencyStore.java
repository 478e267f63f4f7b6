package com.aigcaudio.idempotency;

import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.tencent.client.Deadline;
import com.aigcaudio.tencent.client.HttpClients;
import com.aigcaudio.tencent.signing.CosSigner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Records as small JSON marker objects in a COS bucket, one per key. A claim is {@code PUT} with
 * {@code x-cos-forbid-overwrite: true}: COS answers 409 when the object exists, so of concurrent claimants only one
 * writes. Taking over an expired record first claims {@code <marker>.takeover.<claimId>} the same way, so only one
 * claimant may delete and re-claim it. The bucket must never have had versioning enabled: there COS ignores the
 * header and every PUT would succeed.
 */
public final class CosIdempotencyStore implements IdempotencyStore {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Below this a COS round trip cannot succeed; sending would only leave work half done at the deadline. */
    private static final Duration MIN_TIMEOUT = Duration.ofMillis(50);
    private static final int MAX_ROUNDS = 3;

    private final URI endpoint;
    private final String prefix;
    private final CredentialsProvider credentials;
    private final Clock clock;
    private final Supplier<HttpClient> http;
    private final String host;

    public CosIdempotencyStore(URI endpoint, String prefix, CredentialsProvider credentials, Clock clock,
                               Supplier<HttpClient> http) {
        this.endpoint = endpoint;
        this.prefix = prefix.startsWith("/") ? prefix.substring(1) : prefix;
        this.credentials = credentials;
        this.clock = clock;
        this.http = http;
        this.host = HttpClients.hostHeader(endpoint);
    }

    @Override
    public Claim claim(String key, IdempotencyRecord record, Deadline deadline) {
        String path = path(key);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int status = send("PUT", path, record.toJson(), true, deadline).statusCode();
            if (status == 200) {
                return Claim.owned(record);
            }
            if (status != 409) {
                throw unexpected("PUT", status);
            }
            HttpResponse<byte[]> current = send("GET", path, null, false, deadline);
            if (current.statusCode() == 404) {
                continue;
            }
            if (current.statusCode() != 200) {
                throw unexpected("GET", current.statusCode());
            }
            IdempotencyRecord existing = IdempotencyRecord.fromJson(current.body());
            if (!existing.replaceableAt(clock.instant())) {
                return Claim.existing(existing);
            }
            int takeover = send("PUT", path + ".takeover." + existing.claimId(), new byte[0], true, deadline).statusCode();
            if (takeover == 409) {
                return Claim.existing(existing);
            }
            if (takeover != 200) {
                throw unexpected("PUT takeover", takeover);
            }
            release(key, deadline);
        }
        throw new StoreUnavailableException("could not claim " + path + " after " + MAX_ROUNDS + " rounds", null);
    }

    @Override
    public void update(String key, IdempotencyRecord record, Deadline deadline) {
        int status = send("PUT", path(key), record.toJson(), false, deadline).statusCode();
        if (status != 200) {
            throw unexpected("PUT", status);
        }
    }

    @Override
    public void release(String key, Deadline deadline) {
        int status = send("DELETE", path(key), null, false, deadline).statusCode();
        if (status != 204 && status != 200 && status != 404) {
            throw unexpected("DELETE", status);
        }
    }

    /** The marker's path: keys look like {@code prefix:sha256hex}; the colon becomes a folder. */
    String path(String key) {
        return "/" + prefix + key.replace(':', '/') + ".json";
    }

    private HttpResponse<byte[]> send(String method, String path, byte[] body, boolean forbidOverwrite,
                                      Deadline deadline) {
        Duration timeout = deadline.cap(TIMEOUT);
        if (timeout.compareTo(MIN_TIMEOUT) < 0) {
            throw new StoreUnavailableException("no time left in the invocation for COS " + method, null);
        }
        Credentials c = credentials.credentials();
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("host", host);
        if (body != null) {
            signed.put("content-type", "application/json");
        }
        if (forbidOverwrite) {
            signed.put("x-cos-forbid-overwrite", "true");
        }
        // Signatures use real time (COS checks them against its own clock); record expiry uses the injected clock.
        long now = System.currentTimeMillis() / 1000;
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(timeout)
                .header("Authorization", CosSigner.authorization(method, path, Map.of(), signed, c, now - 60, now + 600))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEach((name, value) -> {
            if (!name.equals("host")) {
                request.header(name, value);
            }
        });
        if (c.sessionToken() != null) {
            request.header("x-cos-security-token", c.sessionToken());
        }
        try {
            return http.get().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new StoreUnavailableException("COS " + method + " " + path + " failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted during COS " + method, e);
        }
    }

    private static StoreUnavailableException unexpected(String what, int status) {
        return new StoreUnavailableException("COS " + what + " answered HTTP " + status, null);
    }

    @Override
    public String toString() {
        return "CosIdempotencyStore{" + endpoint + prefix + "}";
    }
}
