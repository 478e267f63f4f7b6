package com.aigcaudio.tencent.signing;

import com.aigcaudio.core.Hashing;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.testing.IndependentTc3Verifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The official worked example of the Signature v3 page and the reference's extra vectors. */
class Tc3SignerTest {
    private static final Credentials EXAMPLE =
            Credentials.of("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE");
    /** The documented body, with literal backslash-u escapes: its bytes are what is hashed. */
    private static final byte[] OFFICIAL_BODY =
            "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final byte[] AUDIO_BODY =
            "{\"ModelName\":\"MiniMaxMusic\",\"SceneType\":\"music\",\"Prompt\":\"a happy song\"}"
                    .getBytes(StandardCharsets.UTF_8);

    @Test
    void canonicalRequest_officialExample_matchesDocument() {
        String canonical = Tc3Signer.canonicalRequest(CONTENT_TYPE, "cvm.tencentcloudapi.com", OFFICIAL_BODY);
        assertEquals("POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n"
                + "content-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064", canonical);
        assertEquals("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031", Hashing.sha256Hex(canonical));
    }

    @Test
    void stringToSign_officialExample_usesUtcDateScope() {
        String canonical = Tc3Signer.canonicalRequest(CONTENT_TYPE, "cvm.tencentcloudapi.com", OFFICIAL_BODY);
        assertEquals("TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n"
                        + "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
                Tc3Signer.stringToSign(1551113065L, "2019-02-25/cvm/tc3_request", canonical));
    }

    @Test
    void signingKey_officialExample_matchesDerivedKeys() {
        byte[] secretDate = Hashing.hmacSha256("TC3Gu5t9xGARNpq86cd98joQYCN3EXAMPLE".getBytes(StandardCharsets.UTF_8),
                "2019-02-25");
        assertEquals("d1308c81fe71cfd4e06437bbc067b2b8a3d2d8c0e375d547f15c41d5214b395a", Hashing.hex(secretDate));
        assertEquals("ac658d5dde49e9bfdd14e04e062f66b05d9f637d44b8a8d845327d4a77f666b1",
                Hashing.hex(Tc3Signer.signingKey(EXAMPLE.secretKey(), "2019-02-25", "cvm")));
    }

    @Test
    void sign_officialExample_producesDocumentedSignatureAndHeader() {
        Tc3Signature s = Tc3Signer.sign(new Tc3Request("cvm", "cvm.tencentcloudapi.com", CONTENT_TYPE, OFFICIAL_BODY),
                EXAMPLE, Instant.ofEpochSecond(1551113065L));
        assertEquals("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168", s.signature());
        assertEquals("TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
                + "SignedHeaders=content-type;host, "
                + "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168", s.authorization());
        assertEquals(1551113065L, s.timestamp());
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
            "vod, vod.tencentcloudapi.com, 1551113065, 2019-02-25, "
                    + "204f4a962ef80036a4b16cfd51412c1701de9a85bc7bd743943595d2742ea240",
            "mps, mps.intl.tencentcloudapi.com, 1551113065, 2019-02-25, "
                    + "4645557193115aba1c18f187be7f0e5d971a19c231f11d6611df3b3cdb327679",
            "vod, vod.tencentcloudapi.com, 1551139199, 2019-02-25, "
                    + "e4fa691e32191bdd4172b42f0a8cc1f48d6163218b644abca9276221a34ef4f9",
            "vod, vod.tencentcloudapi.com, 1551139200, 2019-02-26, "
                    + "5cec77a404050c70f1bf5cc851393e44d44dac28ebfeced223c201d849699331",
    })
    void sign_referenceVectors_matchIncludingUtcMidnight(String service, String host, long ts, String day, String sig) {
        assertEquals("8b25533655165bf1528fac8cb445c9459965ef21b22e4a5c05eb706733be3cfa", Hashing.sha256Hex(AUDIO_BODY));
        Tc3Signature s = Tc3Signer.sign(new Tc3Request(service, host, CONTENT_TYPE, AUDIO_BODY), EXAMPLE,
                Instant.ofEpochSecond(ts));
        assertEquals(sig, s.signature());
        assertEquals(day + "/" + service + "/tc3_request", s.stringToSign().split("\n")[2]);
    }

    @Test
    void sign_serviceNameComesFromCaller_notFromHost() {
        Tc3Signature s = Tc3Signer.sign(new Tc3Request("vod", "localhost:8443", CONTENT_TYPE, AUDIO_BODY), EXAMPLE,
                Instant.ofEpochSecond(1551113065L));
        assertEquals("2019-02-25/vod/tc3_request", s.stringToSign().split("\n")[2]);
    }

    @Test
    void scopeDate_justBeforeUtcMidnightInUtcPlus8_isPreviousUtcDay() {
        // 1551113065 is 2019-02-26 00:44:25 in UTC+8, but 2019-02-25 in UTC.
        assertEquals("2019-02-25", Tc3Signer.scopeDate(1551113065L));
    }

    @Test
    void sign_verifiedByIndependentVerifier_andTamperedBodyFails() {
        Tc3Signature s = Tc3Signer.sign(new Tc3Request("vod", "vod.tencentcloudapi.com", CONTENT_TYPE, AUDIO_BODY),
                EXAMPLE, Instant.ofEpochSecond(1551139200L));
        Map<String, String> headers = Map.of("authorization", s.authorization(), "x-tc-timestamp", "1551139200",
                "content-type", CONTENT_TYPE, "host", "vod.tencentcloudapi.com");
        IndependentTc3Verifier verifier = new IndependentTc3Verifier(Map.of(EXAMPLE.secretId(), EXAMPLE.secretKey()));
        assertNull(verifier.problem(name -> headers.get(name.toLowerCase()), AUDIO_BODY, "vod"));
        assertEquals("signature mismatch", verifier.problem(name -> headers.get(name.toLowerCase()),
                "{}".getBytes(StandardCharsets.UTF_8), "vod"));
    }

    @Test
    void toString_neverShowsAuthorization() {
        Tc3Signature s = Tc3Signer.sign(new Tc3Request("vod", "vod.tencentcloudapi.com", CONTENT_TYPE, AUDIO_BODY),
                EXAMPLE, Instant.ofEpochSecond(1551113065L));
        assertFalse(s.toString().contains(s.signature()));
    }
}
