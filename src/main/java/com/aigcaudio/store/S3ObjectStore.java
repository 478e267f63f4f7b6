package com.aigcaudio.store;

import com.aigcaudio.aws.auth.AwsCredentials;
import com.aigcaudio.aws.signing.S3Presigner;
import com.aigcaudio.aws.signing.SigV4Request;
import com.aigcaudio.aws.signing.SigV4Signer;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.Hashing;
import com.aigcaudio.transport.Call;
import com.aigcaudio.transport.Reply;
import com.aigcaudio.transport.Transport;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An S3 bucket over its REST API, every request SigV4-signed. Claims are {@code PUT} with {@code If-None-Match: *}
 * (S3 answers 412 when the object exists, or 409 while another conditional write of it is in flight); updates and
 * releases carry {@code If-Match: <etag>}, so a writer that lost its claim cannot overwrite or delete the winner's.
 */
public final class S3ObjectStore implements ObjectStore {
    private final URI base;
    private final String region;
    private final Supplier<AwsCredentials> credentials;
    private final Transport http;
    private final Clock clock;
    private final StoreRetry retry;

    /** @param base the bucket's URL: {@link S3Presigner#bucketUrl}, or a path-style endpoint ending in the bucket */
    public S3ObjectStore(URI base, String region, Supplier<AwsCredentials> credentials, Transport http,
                         Clock clock) {
        this(base, region, credentials, http, clock, StoreRetry.STANDARD);
    }

    private S3ObjectStore(URI base, String region, Supplier<AwsCredentials> credentials, Transport http,
                          Clock clock, StoreRetry retry) {
        this.base = base;
        this.region = region;
        this.credentials = credentials;
        this.http = http;
        this.clock = clock;
        this.retry = retry;
    }

    /** The same bucket with another retry schedule (tests pause for nothing). */
    public S3ObjectStore withRetry(StoreRetry schedule) {
        return new S3ObjectStore(base, region, credentials, http, clock, schedule);
    }

    @Override
    public boolean put(String key, Body body, String contentType, Map<String, String> metadata, boolean forbidOverwrite,
                       Deadline deadline) {
        Map<String, String> headers = new LinkedHashMap<>();
        metadata.forEach((name, value) -> headers.put("x-amz-meta-" + name, URLEncoder.encode(value,
                StandardCharsets.UTF_8)));
        if (forbidOverwrite) {
            headers.put("If-None-Match", "*");
        }
        int status = write(key, body, contentType, headers, deadline);
        if (forbidOverwrite && (status == 412 || status == 409)) {
            return false;
        }
        return ok("PUT", status);
    }

    @Override
    public Stored read(String key, Deadline deadline) {
        Reply response = send("GET", key, List.of(), Map.of(), null, deadline);
        if (response.status() == 404) {
            return null;
        }
        ok("GET", response.status());
        return new Stored(response.body(), response.header("ETag").orElse(""));
    }

    @Override
    public byte[] getAtMost(String key, long maxBytes, Deadline deadline) {
        return RangedRead.bytes(send("GET", key, List.of(), Map.of("Range", RangedRead.header(maxBytes)), null,
                deadline), maxBytes, "S3");
    }

    @Override
    public boolean replace(String key, Body body, String contentType, String etag, Deadline deadline) {
        int status = write(key, body, contentType, Map.of("If-Match", etag), deadline);
        return status != 412 && status != 404 && status != 409 && ok("PUT", status);
    }

    @Override
    public void delete(String key, Deadline deadline) {
        int status = send("DELETE", key, List.of(), Map.of(), null, deadline).status();
        if (status != 404) {
            ok("DELETE", status);
        }
    }

    @Override
    public boolean delete(String key, String etag, Deadline deadline) {
        int status = send("DELETE", key, List.of(), Map.of("If-Match", etag), null, deadline).status();
        return status == 404 || (status != 412 && ok("DELETE", status));
    }

    /** ListObjects, paged by marker (1000 keys a page). */
    @Override
    public List<Listed> entries(String prefix, Deadline deadline) {
        return BucketListing.all(marker -> {
            List<Map.Entry<String, String>> query = new ArrayList<>();
            query.add(new SimpleEntry<>("prefix", prefix));
            query.add(new SimpleEntry<>("max-keys", "1000"));
            if (!marker.isEmpty()) {
                query.add(new SimpleEntry<>("marker", marker));
            }
            Reply reply = send("GET", null, query, Map.of(), null, deadline);
            ok("GET Bucket", reply.status());
            return reply.body();
        });
    }

    @Override
    public URI url(String key, Duration lifetime) {
        return S3Presigner.presignGet(base, region, key, credentials.get(), clock.instant().minusSeconds(60),
                lifetime.plusSeconds(60));
    }

    private int write(String key, Body body, String contentType, Map<String, String> conditions, Deadline deadline) {
        Map<String, String> headers = new LinkedHashMap<>(conditions);
        headers.put("Content-Type", contentType);
        return send("PUT", key, List.of(), headers, body, deadline).status();
    }

    /** @param key the object, or null for the bucket itself */
    private Reply send(String method, String key, List<Map.Entry<String, String>> query, Map<String, String> headers,
                       Body body, Deadline deadline) {
        String basePath = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        String path = key == null ? basePath
                : (basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath)
                        + S3Presigner.encodeKey(key);
        // Files (soundtracks) are streamed unsigned: hashing them first would read them twice.
        String payloadHash = body == null ? Hashing.sha256Hex(new byte[0]) : body.bytes() != null
                ? Hashing.sha256Hex(body.bytes()) : SigV4Signer.UNSIGNED_PAYLOAD;
        String rawQuery = query.isEmpty() ? "" : "?" + canonicalQuery(query);
        URI uri = URI.create(base.getScheme() + "://" + S3Presigner.authority(base) + path + rawQuery);
        return retry.send("S3 " + method, http, timeout -> {
            AwsCredentials c = credentials.get();
            Instant now = clock.instant();
            Map<String, String> signed = new LinkedHashMap<>(headers);
            signed.put("host", S3Presigner.authority(base));
            signed.put("x-amz-date", SigV4Signer.amzDate(now));
            signed.put("x-amz-content-sha256", payloadHash);
            if (c.sessionToken() != null) {
                signed.put("x-amz-security-token", c.sessionToken());
            }
            SigV4Request request = new SigV4Request(method, path, query, signed, payloadHash);
            Call call = Call.of(method, uri).timeout(timeout)
                    .header("Authorization", SigV4Signer.authorization(request, c, now, region, "s3"));
            signed.forEach((name, value) -> {
                if (!name.equals("host")) {
                    call.header(name, value);
                }
            });
            return body == null ? call : body.attachTo(call);
        }, deadline);
    }

    private static String canonicalQuery(List<Map.Entry<String, String>> query) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> p : query) {
            out.append(out.length() == 0 ? "" : "&").append(SigV4Signer.uriEncode(p.getKey(), true)).append('=')
                    .append(SigV4Signer.uriEncode(p.getValue(), true));
        }
        return out.toString();
    }

    private static boolean ok(String what, int status) {
        if (status / 100 != 2) {
            throw new StoreUnavailableException("S3 " + what + " answered HTTP " + status, null);
        }
        return true;
    }

    @Override
    public String toString() {
        return "S3ObjectStore{" + base + "}";
    }
}
