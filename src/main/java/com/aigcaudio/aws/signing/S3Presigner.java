package com.aigcaudio.aws.signing;

import com.aigcaudio.aws.auth.AwsCredentials;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Presigned S3 GET URLs (SigV4 query signing), so that VOD or MPS can read an object in a private bucket. With role
 * credentials the session token is a signed {@code X-Amz-Security-Token} parameter, and the URL dies with the
 * credentials (at most the role session's lifetime), whatever {@code X-Amz-Expires} says.
 */
public final class S3Presigner {
    /** S3 refuses presigned URLs valid for more than 7 days. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(7);

    private S3Presigner() {
    }

    /** The virtual-hosted-style base URL of a bucket: {@code https://<bucket>.s3.<region>.amazonaws.com/}. */
    public static URI bucketUrl(String bucket, String region) {
        return URI.create("https://" + bucket + ".s3." + region + ".amazonaws.com/");
    }

    /** "/" + the key, each byte but unreserved ones and '/' percent-encoded (S3 does not normalise the path). */
    public static String encodeKey(String key) {
        return "/" + SigV4Signer.uriEncode(key, false);
    }

    /**
     * @param base the bucket's URL ({@link #bucketUrl}, or a path-style endpoint ending in the bucket's name)
     * @param key  the object key exactly as stored (decoded)
     */
    public static URI presignGet(URI base, String region, String key, AwsCredentials credentials, Instant start,
                                 Duration lifetime) {
        Duration capped = lifetime.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : lifetime;
        String basePath = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        String path = (basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath) + encodeKey(
                key);
        List<Map.Entry<String, String>> query = new ArrayList<>();
        query.add(new SimpleEntry<>("X-Amz-Algorithm", SigV4Signer.ALGORITHM));
        query.add(new SimpleEntry<>("X-Amz-Credential", credentials.accessKeyId() + "/"
                + SigV4Signer.scope(start, region, "s3")));
        query.add(new SimpleEntry<>("X-Amz-Date", SigV4Signer.amzDate(start)));
        query.add(new SimpleEntry<>("X-Amz-Expires", Long.toString(capped.getSeconds())));
        if (credentials.sessionToken() != null) {
            query.add(new SimpleEntry<>("X-Amz-Security-Token", credentials.sessionToken()));
        }
        query.add(new SimpleEntry<>("X-Amz-SignedHeaders", "host"));
        SigV4Request request = new SigV4Request("GET", path, query, Map.of("host", authority(base)),
                SigV4Signer.UNSIGNED_PAYLOAD);
        String signature = SigV4Signer.signature(request, credentials, start, region, "s3");
        return URI.create(base.getScheme() + "://" + authority(base) + path + "?"
                + SigV4Signer.canonicalQuery(query) + "&X-Amz-Signature=" + signature);
    }

    /** The Host header for a URL: the port only when it is not the scheme's default. */
    public static String authority(URI uri) {
        int port = uri.getPort();
        boolean standard = port == -1 || (port == 443 && "https".equals(uri.getScheme()))
                || (port == 80 && "http".equals(uri.getScheme()));
        return standard ? uri.getHost() : uri.getHost() + ":" + port;
    }
}
