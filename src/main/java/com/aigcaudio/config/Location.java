package com.aigcaudio.config;

import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.log.Redaction;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A place objects live, written as one URI: {@code cos://<bucket-appid>.<region>/<prefix>},
 * {@code s3://<bucket>/<prefix>[?region=<region>]}, {@code file:<dir>} or {@code memory:}. Endpoint overrides
 * (AIGC_COS_ENDPOINT, AIGC_S3_ENDPOINT) apply to every bucket of their kind.
 */
public final class Location {
    public enum Kind { COS, S3, FILE, MEMORY }

    static final String FORMS = "cos://<bucket-appid>.<region>/<prefix>, s3://<bucket>/<prefix>, file:<dir> or memory:";
    private static final Pattern COS = Pattern.compile("cos://([a-z0-9-]+-\\d+)\\.([a-z0-9-]+)(/[A-Za-z0-9._/-]*)?");
    private static final Pattern S3 = Pattern.compile(
            "s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/[A-Za-z0-9._/-]*)?(\\?region=([a-z0-9-]+))?");

    private final Kind kind;
    private final String bucket;
    private final String region;
    private final String prefix;
    private final URI endpoint;
    private final Path dir;

    private Location(Kind kind, String bucket, String region, String prefix, URI endpoint, Path dir) {
        this.kind = kind;
        this.bucket = bucket;
        this.region = region;
        this.prefix = prefix;
        this.endpoint = endpoint;
        this.dir = dir;
    }

    /**
     * @param example a correct value for this variable, shown when the given one is malformed
     * @throws ConfigurationException naming {@code variable}
     */
    public static Location parse(Settings s, String variable, String value, String example) {
        if (value.matches("(?i)[a-z][a-z0-9+.-]*://[^/?#]*@.*")) {
            throw new ConfigurationException(variable, "must not carry a user name or password (credentials come "
                    + "from the role or the secret), got '" + Redaction.userInfo(value) + "'");
        }
        Matcher cos = COS.matcher(value);
        if (cos.matches()) {
            String bucket = cos.group(1);
            URI override = cosEndpoint(s, bucket);
            return new Location(Kind.COS, bucket, cos.group(2), prefix(cos.group(3)), override != null ? override
                    : URI.create("https://" + bucket + ".cos." + cos.group(2) + ".myqcloud.com/"), null);
        }
        Matcher s3 = S3.matcher(value);
        if (s3.matches()) {
            String bucket = s3.group(1);
            String region = s3.group(4) != null ? s3.group(4) : s.string("AWS_REGION");
            if (region == null) {
                throw new ConfigurationException(variable, "names no region and AWS_REGION is unset (Lambda sets it): "
                        + "add ?region=<region>, e.g. " + bucket + "?region=eu-west-1");
            }
            URI override = s.httpUrl("AIGC_S3_ENDPOINT");
            URI base = override == null ? com.aigcaudio.aws.signing.S3Presigner.bucketUrl(bucket, region)
                    : URI.create(override.toString().replaceAll("/+$", "") + "/" + bucket + "/");
            return new Location(Kind.S3, bucket, region, prefix(s3.group(2)), base, null);
        }
        if (value.startsWith("file:") && value.length() > "file:".length()) {
            return new Location(Kind.FILE, null, null, "", null, directory(variable, value));
        }
        if (value.equals("memory:")) {
            return new Location(Kind.MEMORY, null, null, "", null, null);
        }
        throw new ConfigurationException(variable, "expected " + FORMS + ", e.g. " + example + "; got '"
                + Redaction.userInfo(value) + "'");
    }

    /**
     * The directory of a file: location, created when absent; it must be a directory we can write. file://host/…
     * names another machine: refused rather than silently dropping the host.
     */
    private static Path directory(String variable, String value) {
        String path = value.substring("file:".length());
        if (path.startsWith("//")) {
            URI uri = URI.create(value);
            if (uri.getAuthority() != null && !uri.getAuthority().isEmpty()) {
                throw new ConfigurationException(variable, "file://" + uri.getAuthority() + "/… names a host, not a "
                        + "local directory: write file:" + uri.getPath() + " or file://" + uri.getPath());
            }
            path = uri.getPath();
        }
        Path dir = Path.of(path);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ConfigurationException(variable, dir + " is a file, not a directory: name a directory, e.g. "
                    + "file:.aigc-local");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigurationException(variable, "the directory " + dir + " cannot be created ("
                    + e.getClass().getSimpleName() + "): name one this user can write, e.g. file:.aigc-local");
        }
        if (!Files.isWritable(dir)) {
            throw new ConfigurationException(variable, "the directory " + dir + " is not writable by this user");
        }
        return dir;
    }

    /** AIGC_COS_ENDPOINT with {bucket} replaced, or used as is (a test server or proxy serving every bucket). */
    private static URI cosEndpoint(Settings s, String bucket) {
        String template = s.string("AIGC_COS_ENDPOINT");
        if (template == null) {
            return null;
        }
        return s.endpointUrl("AIGC_COS_ENDPOINT", template.replace("{bucket}", bucket),
                "https://{bucket}.cos-internal.ap-guangzhou.tencentcos.cn");
    }

    private static String prefix(String path) {
        if (path == null || path.equals("/")) {
            return "";
        }
        String prefix = path.substring(1);
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    public Kind kind() {
        return kind;
    }

    /** The bucket, or null for file: and memory:. */
    public String bucket() {
        return bucket;
    }

    public String region() {
        return region;
    }

    /** The key prefix inside the bucket ("" or ending in '/'). */
    public String prefix() {
        return prefix;
    }

    /** The bucket's base URL (virtual-hosted on COS, path-style on an S3 override). */
    public URI endpoint() {
        return endpoint;
    }

    /** The directory of a file: location. */
    public Path dir() {
        return dir;
    }

    public boolean isBucket() {
        return kind == Kind.COS || kind == Kind.S3;
    }

    @Override
    public String toString() {
        switch (kind) {
            case COS: return "cos://" + bucket + "." + region + "/" + prefix;
            case S3: return "s3://" + bucket + "/" + prefix;
            case FILE: return "file:" + dir;
            default: return kind.name().toLowerCase(Locale.ROOT) + ":";
        }
    }
}
