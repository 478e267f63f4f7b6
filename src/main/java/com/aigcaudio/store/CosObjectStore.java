package com.aigcaudio.store;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.tencent.signing.CosPresigner;
import com.aigcaudio.tencent.signing.CosSigner;
import com.aigcaudio.transport.Call;
import com.aigcaudio.transport.Reply;
import com.aigcaudio.transport.Transport;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A COS bucket over its XML API, every request signed (q-sign-algorithm=sha1; {@code x-cos-security-token} with
 * role credentials). {@code x-cos-forbid-overwrite: true} makes a PUT atomic: COS answers 409 when the object
 * exists, unless the bucket has ever had versioning enabled, where COS ignores it. Keys are signed as stored and
 * percent-encoded in the URL. COS has no conditional PUT or DELETE (If-Match): {@link #replace} and the ETag-checked
 * {@link #delete(String, String, Deadline)} write unconditionally, so an update races only with a takeover of an
 * expired claim, which the claim's own checks make rare.
 */
public final class CosObjectStore implements ObjectStore {
    private static final String META = "x-cos-meta-";

    private final URI endpoint;
    private final CredentialsProvider credentials;
    private final Transport http;
    private final String host;
    private final String region;
    private final String bucket;
    private final StoreRetry retry;

    /**
     * @param endpoint the bucket's base URL, {@code https://<bucket>.cos.<region>.myqcloud.com/} or an override
     * @param bucket   with {@code region}, names the bucket for presigned URLs
     */
    public CosObjectStore(URI endpoint, String bucket, String region, CredentialsProvider credentials,
                          Transport http) {
        this(endpoint, bucket, region, credentials, http, StoreRetry.STANDARD);
    }

    private CosObjectStore(URI endpoint, String bucket, String region, CredentialsProvider credentials,
                           Transport http, StoreRetry retry) {
        this.retry = retry;
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.region = region;
        this.credentials = credentials;
        this.http = http;
        this.host = Transport.hostHeader(endpoint);
    }

    /** The same bucket with another retry schedule (tests pause for nothing). */
    public CosObjectStore withRetry(StoreRetry schedule) {
        return new CosObjectStore(endpoint, bucket, region, credentials, http, schedule);
    }

    @Override
    public boolean put(String key, Body body, String contentType, Map<String, String> metadata, boolean forbidOverwrite,
                       Deadline deadline) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        if (forbidOverwrite) {
            headers.put("x-cos-forbid-overwrite", "true");
        }
        metadata.forEach((name, value) -> headers.put(META + name, CosSigner.encode(value)));
        int status = send("PUT", key, Map.of(), headers, body, deadline).status();
        if (status == 409 && forbidOverwrite) {
            return false;
        }
        if (status != 200) {
            throw unexpected("PUT", status);
        }
        return true;
    }

    @Override
    public Stored read(String key, Deadline deadline) {
        Reply reply = send("GET", key, Map.of(), Map.of(), null, deadline);
        if (reply.status() == 404) {
            return null;
        }
        if (reply.status() != 200) {
            throw unexpected("GET", reply.status());
        }
        return new Stored(reply.body(), reply.header("ETag").orElse(""));
    }

    @Override
    public byte[] getAtMost(String key, long maxBytes, Deadline deadline) {
        return RangedRead.bytes(send("GET", key, Map.of(), Map.of("Range", RangedRead.header(maxBytes)), null,
                deadline), maxBytes, "COS");
    }

    @Override
    public boolean replace(String key, Body body, String contentType, String etag, Deadline deadline) {
        return put(key, body, contentType, Map.of(), false, deadline);
    }

    @Override
    public boolean delete(String key, String etag, Deadline deadline) {
        delete(key, deadline);
        return true;
    }

    @Override
    public void delete(String key, Deadline deadline) {
        int status = send("DELETE", key, Map.of(), Map.of(), null, deadline).status();
        if (status != 204 && status != 200 && status != 404) {
            throw unexpected("DELETE", status);
        }
    }

    /** GET Bucket with prefix, paged by marker (1000 keys a page). */
    @Override
    public List<Listed> entries(String prefix, Deadline deadline) {
        return BucketListing.all(marker -> {
            Map<String, String> params = new TreeMap<>();
            params.put("prefix", prefix);
            params.put("max-keys", "1000");
            if (!marker.isEmpty()) {
                params.put("marker", marker);
            }
            Reply reply = send("GET", "", params, Map.of(), null, deadline);
            if (reply.status() != 200) {
                throw unexpected("GET Bucket", reply.status());
            }
            return reply.body();
        });
    }

    @Override
    public URI url(String key, Duration lifetime) {
        long now = System.currentTimeMillis() / 1000;
        return CosPresigner.presignGet(bucket, region, key, credentials.credentials(), now - 60,
                lifetime.getSeconds() + 60);
    }

    /** @param body null for none */
    private Reply send(String method, String key, Map<String, String> params, Map<String, String> headers, Body body,
                       Deadline deadline) {
        StringBuilder query = new StringBuilder();
        params.forEach((name, value) -> query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
                .append(CosSigner.encode(value)));
        URI uri = endpoint.resolve(CosPresigner.encodePath(key).substring(1) + query);
        return retry.send("COS " + method, http, timeout -> {
            Credentials c = credentials.credentials();
            Map<String, String> signed = new LinkedHashMap<>(headers);
            signed.put("host", host);
            // Signatures use real time: COS checks them against its own clock.
            long now = System.currentTimeMillis() / 1000;
            Call call = Call.of(method, uri).timeout(timeout)
                    .header("Authorization", CosSigner.authorization(method, "/" + key, params, signed, c,
                            CosSigner.keyTime(now - 60, now + 600)));
            headers.forEach(call::header);
            if (c.sessionToken() != null) {
                call.header("x-cos-security-token", c.sessionToken());
            }
            return body == null ? call : body.attachTo(call);
        }, deadline);
    }

    private static StoreUnavailableException unexpected(String what, int status) {
        return new StoreUnavailableException("COS " + what + " answered HTTP " + status, null);
    }

    @Override
    public String toString() {
        return "CosObjectStore{" + endpoint + "}";
    }
}
