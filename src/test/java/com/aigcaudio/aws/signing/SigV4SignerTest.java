package com.aigcaudio.aws.signing;

import com.aigcaudio.aws.auth.AwsCredentials;
import com.aigcaudio.core.Hashing;
import com.aigcaudio.testing.IndependentSigV4Verifier;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AWS's published SigV4 examples: the signature test suite, the IAM signing-key example and the S3 examples. */
class SigV4SignerTest {
    /** The credentials of the SigV4 test suite (aws-sig-v4-test-suite, 2015-08-30). */
    private static final AwsCredentials SUITE =
            new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    /** The credentials of the S3 SigV4 documentation's examples. */
    private static final AwsCredentials S3_DOCS =
            new AwsCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null);
    private static final Instant S3_TIME = Instant.parse("2013-05-24T00:00:00Z");
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static SigV4Request suiteGet(List<Map.Entry<String, String>> query) {
        return new SigV4Request("GET", "/", query,
                Map.of("Host", "example.amazonaws.com", "X-Amz-Date", "20150830T123600Z"), EMPTY_SHA256);
    }

    @Test
    void signingKey_iamExample_matchesDocument() {
        assertEquals("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d", Hashing.hex(
                SigV4Signer.signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam")));
    }

    @Test
    void canonicalRequest_getVanilla_matchesSuite() {
        String canonical = SigV4Signer.canonicalRequest(suiteGet(List.of()));
        assertEquals("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                + EMPTY_SHA256, canonical);
        assertEquals("bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63", Hashing.sha256Hex(canonical));
    }

    @Test
    void authorization_getVanilla_matchesSuite() {
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
                SigV4Signer.authorization(suiteGet(List.of()), SUITE, SUITE_TIME, "us-east-1", "service"));
    }

    @Test
    void signature_queryOrderKeyCase_sortsParameters() {
        SigV4Request request = suiteGet(List.of(new SimpleEntry<>("Param2", "value2"),
                new SimpleEntry<>("Param1", "value1")));
        assertEquals("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
                SigV4Signer.signature(request, SUITE, SUITE_TIME, "us-east-1", "service"));
    }

    @Test
    void signature_s3GetObjectExample_matchesDocument() {
        SigV4Request request = new SigV4Request("GET", "/test.txt", List.of(), Map.of(
                "Host", "examplebucket.s3.amazonaws.com", "Range", "bytes=0-9",
                "x-amz-content-sha256", EMPTY_SHA256, "x-amz-date", "20130524T000000Z"), EMPTY_SHA256);
        assertEquals("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
                SigV4Signer.signature(request, S3_DOCS, S3_TIME, "us-east-1", "s3"));
    }

    @Test
    void signature_s3PutObjectExample_encodesDollarInPath() {
        String payload = Hashing.sha256Hex("Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8));
        assertEquals("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072", payload);
        SigV4Request request = new SigV4Request("PUT", S3Presigner.encodeKey("test$file.text"), List.of(), Map.of(
                "Host", "examplebucket.s3.amazonaws.com", "Date", "Fri, 24 May 2013 00:00:00 GMT",
                "x-amz-content-sha256", payload, "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY"), payload);
        assertEquals("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
                SigV4Signer.signature(request, S3_DOCS, S3_TIME, "us-east-1", "s3"));
    }

    @Test
    void presignGet_s3DocumentationExample_matchesDocument() {
        URI url = S3Presigner.presignGet(URI.create("https://examplebucket.s3.amazonaws.com/"), "us-east-1",
                "test.txt", S3_DOCS, S3_TIME, Duration.ofSeconds(86400));
        assertEquals("https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", url.toString());
    }

    @Test
    void presignGet_awkwardKeysAndSessionToken_passIndependentVerifier() {
        AwsCredentials role = new AwsCredentials("ASIAEXAMPLE", "secret/with+chars", "token+/=with spaces");
        IndependentSigV4Verifier verifier = new IndependentSigV4Verifier("ASIAEXAMPLE", "secret/with+chars",
                "token+/=with spaces");
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        for (String key : List.of("uploads/clip.mp4", "a b/c+d.mp4", "视频/片段 1.mp4", "x/!*'();:@&=+$,?#[]%.mp4",
                "./../x", "double//slash", "~tilde")) {
            URI url = S3Presigner.presignGet(S3Presigner.bucketUrl("media-bucket", "eu-west-1"), "eu-west-1", key,
                    role, now, Duration.ofHours(1));
            assertNull(verifier.presignedProblem(url, now.getEpochSecond() + 10), key + " → " + url);
            assertTrue(url.getRawQuery().contains("X-Amz-Security-Token=token%2B%2F%3Dwith%20spaces"), url.toString());
            assertEquals("signature not valid now", verifier.presignedProblem(url, now.getEpochSecond() + 3601));
        }
    }

    @Test
    void presignGet_lifetimeOverSevenDays_isCapped() {
        URI url = S3Presigner.presignGet(S3Presigner.bucketUrl("b", "us-east-1"), "us-east-1", "k", S3_DOCS, S3_TIME,
                Duration.ofDays(30));
        assertTrue(url.getRawQuery().contains("X-Amz-Expires=604800"), url.toString());
    }

    @Test
    void uriEncode_reservedAndMultibyte_upperCaseHex() {
        assertEquals("a%20b%2Bc%2Fd~e%E8%A7%86", SigV4Signer.uriEncode("a b+c/d~e视", true));
        assertEquals("a%20b/c", SigV4Signer.uriEncode("a b/c", false));
        assertEquals(new TreeMap<>(Map.of("host", "h")).toString(),
                new SigV4Request("GET", "/", List.of(), Map.of("HOST", "h"), EMPTY_SHA256).headers().toString());
    }
}
