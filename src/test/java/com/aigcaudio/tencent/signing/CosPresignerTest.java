package com.aigcaudio.tencent.signing;

import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.testing.IndependentCosVerifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Vectors: the key pair of COS's signature documentation, signatures computed by a separate Python implementation
 * of the documented algorithm (HMAC-SHA1 sign key over the key time, SHA-1 of the HttpString, HMAC-SHA1 again).
 */
class CosPresignerTest {
    private static final Credentials DOC_KEYS = Credentials.of("AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q",
            "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz");
    private static final long START = 1557989151L;
    private static final IndependentCosVerifier VERIFIER = new IndependentCosVerifier(DOC_KEYS.secretId(),
            DOC_KEYS.secretKey());

    @Test
    void presignGet_documentKeys_matchesTheIndependentVector() {
        URI url = CosPresigner.presignGet("examplebucket-1250000000", "ap-beijing", "exampleobject", DOC_KEYS, START,
                7200);

        assertEquals("https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/exampleobject"
                + "?q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1557989151%3B1557996351"
                + "&q-key-time=1557989151%3B1557996351&q-header-list=host&q-url-param-list="
                + "&q-signature=27cf30444826da1b67c09aa099a56cfe3a6a1cc5", url.toString());
    }

    @Test
    void presignGet_nonAsciiSpacePlusBang_encodesThePathAndSignsTheStoredKey() {
        URI url = CosPresigner.presignGet("examplebucket-1250000000", "ap-beijing", "视频/假日 1+1!.mp4", DOC_KEYS,
                START, 7200);

        assertTrue(url.toString().startsWith("https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com"
                + "/%E8%A7%86%E9%A2%91/%E5%81%87%E6%97%A5%201%2B1%21.mp4?"), url.toString());
        assertTrue(url.toString().endsWith("&q-signature=3a5d0e4900ae448e3030d636d12b70cbaeb75025"), url.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"incoming/holiday.mp4", "a/../b.mp4", "./x.mp4", "dir//double.mp4", "名字 with spaces.mov",
            "q?x=1&y#z.mp4", "100%.wav", "tilde~-_.mp4", "a+b=c;d,e@f$g.mp4"})
    void presignGet_awkwardKeys_verifyIndependently(String key) {
        URI url = CosPresigner.presignGet("videos-1250000000", "ap-guangzhou", key, DOC_KEYS, START, 3600);

        assertNull(VERIFIER.presignedUrlProblem(url.toString(), START + 10), key + " -> " + url);
        assertEquals("/" + key, url.getPath(), "the URL path decodes to exactly the key");
        assertTrue(!url.getRawPath().contains("/../") && !url.getRawPath().contains("/./"), url.getRawPath());
    }

    @Test
    void presignGet_veryLongKey_verifies() {
        String key = "deep/".repeat(150) + "k".repeat(100) + ".mp4";
        URI url = CosPresigner.presignGet("videos-1250000000", "ap-guangzhou", key, DOC_KEYS, START, 3600);
        assertNull(VERIFIER.presignedUrlProblem(url.toString(), START + 1));
    }

    @Test
    void presignGet_temporaryCredentials_appendsTheSecurityToken() {
        Credentials role = new Credentials(DOC_KEYS.secretId(), DOC_KEYS.secretKey(), "token/with+special=chars");

        URI url = CosPresigner.presignGet("videos-1250000000", "ap-guangzhou", "k.mp4", role, START, 3600);

        assertTrue(url.getRawQuery().endsWith("&x-cos-security-token=token%2Fwith%2Bspecial%3Dchars"),
                url.getRawQuery());
        assertNull(VERIFIER.presignedUrlProblem(url.toString(), START + 1));
    }

    @Test
    void presignGet_outsideItsLifetimeOrTampered_failsVerification() {
        URI url = CosPresigner.presignGet("videos-1250000000", "ap-guangzhou", "k.mp4", DOC_KEYS, START, 3600);

        assertNotNull(VERIFIER.presignedUrlProblem(url.toString(), START + 3601));
        assertNotNull(VERIFIER.presignedUrlProblem(url.toString().replace("/k.mp4", "/other.mp4"), START + 1));
        assertNotNull(VERIFIER.presignedUrlProblem(url.toString().replace("videos-", "photos-"), START + 1));
    }
}
