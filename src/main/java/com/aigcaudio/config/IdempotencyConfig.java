package com.aigcaudio.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Deduplication settings, and where the function keeps its state (idempotency markers and tracking records):
 * COS in production on SCF, S3 on Lambda, a local directory for local runs (the default), or memory.
 */
public final class IdempotencyConfig {
    public enum StoreKind { MEMORY, LOCAL, COS, S3 }

    static final String DEFAULT_PREFIX = "aigc-idempotency/";

    private final String keyPrefix;
    private final Duration ttl;
    private final Duration inProgressWindow;
    private final StoreKind store;
    private final String bucket;
    private final String prefix;
    private final URI endpoint;
    private final String region;
    private final Path localDir;
    private final URI localBaseUrl;

    public IdempotencyConfig(String keyPrefix, Duration ttl, Duration inProgressWindow, StoreKind store,
                             String bucket, String prefix, URI endpoint, String region, Path localDir,
                             URI localBaseUrl) {
        this.keyPrefix = keyPrefix;
        this.ttl = ttl;
        this.inProgressWindow = inProgressWindow;
        this.store = store;
        this.bucket = bucket;
        this.prefix = prefix;
        this.endpoint = endpoint;
        this.region = region;
        this.localDir = localDir;
        this.localBaseUrl = localBaseUrl;
    }

    /**
     * Reads AIGC_IDEMPOTENCY_KEY_PREFIX, AIGC_IDEMPOTENCY_TTL_SECONDS, AIGC_IDEMPOTENCY_IN_PROGRESS_SECONDS,
     * AIGC_IDEMPOTENCY_STORE (local|memory|cos|s3), AIGC_LOCAL_DIR for local, the S3 variables for s3 and, for cos, AIGC_IDEMPOTENCY_COS_BUCKET, AIGC_IDEMPOTENCY_COS_REGION
     * (default TENCENTCLOUD_REGION), AIGC_IDEMPOTENCY_COS_PREFIX and AIGC_IDEMPOTENCY_COS_ENDPOINT.
     */
    public static IdempotencyConfig from(Settings s) {
        String keyPrefix = s.string("AIGC_IDEMPOTENCY_KEY_PREFIX", "aigc-audio");
        if (!keyPrefix.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigurationException("AIGC_IDEMPOTENCY_KEY_PREFIX", "use 1-64 letters, digits, '.', '_' or '-'");
        }
        Duration ttl = Duration.ofSeconds(s.longValue("AIGC_IDEMPOTENCY_TTL_SECONDS", 259_200, 60, 31_536_000));
        Duration window = Duration.ofSeconds(s.longValue("AIGC_IDEMPOTENCY_IN_PROGRESS_SECONDS", 60, 1, 86_400));
        StoreKind kind = StoreKind.valueOf(s.oneOf("AIGC_IDEMPOTENCY_STORE", "local", "local", "memory", "cos", "s3")
                .toUpperCase(java.util.Locale.ROOT));
        String[][] storeVariables = {
            {"cos", "AIGC_IDEMPOTENCY_COS_BUCKET", "AIGC_IDEMPOTENCY_COS_PREFIX", "AIGC_IDEMPOTENCY_COS_ENDPOINT",
                "AIGC_IDEMPOTENCY_COS_REGION"},
            {"s3", "AIGC_IDEMPOTENCY_S3_BUCKET", "AIGC_IDEMPOTENCY_S3_PREFIX", "AIGC_IDEMPOTENCY_S3_ENDPOINT",
                "AIGC_IDEMPOTENCY_S3_REGION"}};
        for (String[] names : storeVariables) {
            for (int i = 1; i < names.length; i++) {
                if (!kind.name().equalsIgnoreCase(names[0]) && s.string(names[i]) != null) {
                    throw new ConfigurationException(names[i], "applies only when AIGC_IDEMPOTENCY_STORE=" + names[0]);
                }
            }
        }
        if (kind == StoreKind.S3) {
            return s3(s, keyPrefix, ttl, window);
        }
        if (kind != StoreKind.COS) {
            // AIGC_LOCAL_BASE_URL: where `serve` publishes the local store, so a browser can play local results.
            return new IdempotencyConfig(keyPrefix, ttl, window, kind, null, DEFAULT_PREFIX, null, null,
                    kind == StoreKind.LOCAL ? localDir(s) : null,
                    kind == StoreKind.LOCAL ? s.httpUrl("AIGC_LOCAL_BASE_URL") : null);
        }
        String bucket = s.string("AIGC_IDEMPOTENCY_COS_BUCKET");
        if (bucket == null || !bucket.matches("[a-z0-9-]+-\\d+")) {
            throw new ConfigurationException("AIGC_IDEMPOTENCY_COS_BUCKET",
                    "required with AIGC_IDEMPOTENCY_STORE=cos: the full bucket name, <name>-<appid>");
        }
        String prefix = s.string("AIGC_IDEMPOTENCY_COS_PREFIX", DEFAULT_PREFIX);
        if (!prefix.matches("[A-Za-z0-9._/-]*")) {
            throw new ConfigurationException("AIGC_IDEMPOTENCY_COS_PREFIX", "use letters, digits, '.', '_', '-' and '/'");
        }
        URI endpoint = s.httpUrl("AIGC_IDEMPOTENCY_COS_ENDPOINT");
        String region = s.string("AIGC_IDEMPOTENCY_COS_REGION", s.string("TENCENTCLOUD_REGION"));
        if (endpoint == null) {
            if (region == null) {
                throw new ConfigurationException("AIGC_IDEMPOTENCY_COS_REGION", "required with AIGC_IDEMPOTENCY_STORE=cos "
                        + "(or set TENCENTCLOUD_REGION, or AIGC_IDEMPOTENCY_COS_ENDPOINT)");
            }
            endpoint = URI.create("https://" + bucket + ".cos." + region + ".myqcloud.com/");
        }
        return new IdempotencyConfig(keyPrefix, ttl, window, kind, bucket, prefix, endpoint, region, null, null);
    }

    /**
     * AIGC_IDEMPOTENCY_S3_BUCKET, AIGC_IDEMPOTENCY_S3_REGION (default AWS_REGION, which Lambda sets),
     * AIGC_IDEMPOTENCY_S3_PREFIX and AIGC_IDEMPOTENCY_S3_ENDPOINT (an S3-compatible server, addressed path-style).
     */
    private static IdempotencyConfig s3(Settings s, String keyPrefix, Duration ttl, Duration window) {
        String bucket = s.string("AIGC_IDEMPOTENCY_S3_BUCKET");
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new ConfigurationException("AIGC_IDEMPOTENCY_S3_BUCKET",
                    "required with AIGC_IDEMPOTENCY_STORE=s3: an S3 bucket name (3-63 lower-case letters, digits, '.', '-')");
        }
        String prefix = s.string("AIGC_IDEMPOTENCY_S3_PREFIX", DEFAULT_PREFIX);
        if (!prefix.matches("[A-Za-z0-9._/-]*")) {
            throw new ConfigurationException("AIGC_IDEMPOTENCY_S3_PREFIX", "use letters, digits, '.', '_', '-' and '/'");
        }
        String region = s.string("AIGC_IDEMPOTENCY_S3_REGION", s.string("AWS_REGION"));
        if (region == null) {
            throw new ConfigurationException("AIGC_IDEMPOTENCY_S3_REGION", "required with AIGC_IDEMPOTENCY_STORE=s3 "
                    + "(Lambda sets AWS_REGION)");
        }
        URI endpoint = s.httpUrl("AIGC_IDEMPOTENCY_S3_ENDPOINT");
        URI base = endpoint == null ? com.aigcaudio.aws.signing.S3Presigner.bucketUrl(bucket, region)
                : URI.create(endpoint.toString().replaceAll("/+$", "") + "/" + bucket + "/");
        return new IdempotencyConfig(keyPrefix, ttl, window, StoreKind.S3, bucket, prefix, base, region, null, null);
    }

    /**
     * AIGC_LOCAL_DIR, by default {@code .aigc-local} in the working directory, or under /tmp where that is
     * read-only (an SCF code directory): there it is per instance, like memory.
     */
    static Path localDir(Settings s) {
        String dir = s.string("AIGC_LOCAL_DIR");
        if (dir != null) {
            return Path.of(dir);
        }
        Path here = Path.of("").toAbsolutePath();
        return Files.isWritable(here) ? here.resolve(".aigc-local") : Path.of(System.getProperty("java.io.tmpdir"), "aigc-local");
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public Duration ttl() {
        return ttl;
    }

    public Duration inProgressWindow() {
        return inProgressWindow;
    }

    public StoreKind store() {
        return store;
    }

    public String bucket() {
        return bucket;
    }

    public String prefix() {
        return prefix;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The bucket's region (for signatures and presigned URLs); on COS null when only an endpoint override names it. */
    public String region() {
        return region;
    }

    /** The URL the local store's objects are served under (`serve`), or null: then file URLs. */
    public URI localBaseUrl() {
        return localBaseUrl;
    }

    /** The local store's directory (StoreKind.LOCAL), or null. */
    public Path localDir() {
        return localDir;
    }
}
