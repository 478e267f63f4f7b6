package com.aigcaudio.tencent.signing;

import com.aigcaudio.tencent.auth.Credentials;

import java.net.URI;
import java.util.Map;

/**
 * Presigned COS GET URLs, so that VOD or MPS can read an object in a private bucket: the COS query signature
 * (q-sign-algorithm=sha1) over the GET of the object's path with the host signed, and, with temporary credentials,
 * {@code x-cos-security-token} appended as COS's SDKs do. A pure function of its inputs. A URL signed with temporary
 * credentials stops working when they expire, whatever its own lifetime.
 */
public final class CosPresigner {
    private CosPresigner() {
    }

    /** The object's host: {@code <bucket>.cos.<region>.myqcloud.com}. */
    public static String host(String bucket, String region) {
        return bucket + ".cos." + region + ".myqcloud.com";
    }

    /**
     * @param key the object key exactly as stored (never decoded)
     * @param startSeconds the first second of validity (epoch seconds)
     */
    public static URI presignGet(String bucket, String region, String key, Credentials credentials, long startSeconds,
                                 long lifetimeSeconds) {
        String host = host(bucket, region);
        StringBuilder url = new StringBuilder("https://").append(host).append(encodePath(key)).append('?');
        Map<String, String> fields = CosSigner.fields("GET", "/" + key, Map.of(), Map.of("host", host), credentials,
                CosSigner.keyTime(startSeconds, startSeconds + lifetimeSeconds));
        boolean first = true;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            url.append(first ? "" : "&").append(e.getKey()).append('=').append(CosSigner.encode(e.getValue()));
            first = false;
        }
        if (credentials.sessionToken() != null) {
            url.append("&x-cos-security-token=").append(CosSigner.encode(credentials.sessionToken()));
        }
        return URI.create(url.toString());
    }

    /**
     * "/" + the key with each segment percent-encoded (RFC 3986 unreserved characters kept, '/' kept between
     * segments), and "." or ".." segments encoded too, so that no client or proxy resolves them away.
     */
    public static String encodePath(String key) {
        StringBuilder out = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            out.append('/');
            out.append(segment.equals(".") || segment.equals("..") ? segment.replace(".", "%2E") : CosSigner.encode(
                    segment));
        }
        return out.toString();
    }
}
