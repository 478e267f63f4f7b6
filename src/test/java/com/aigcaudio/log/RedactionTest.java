package com.aigcaudio.log;

import com.aigcaudio.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactionTest {
    private static final String TOKEN = "the-http-token-0123456789";
    private final Redaction redaction = new Redaction(Arrays.asList(TOKEN, null));

    @Test
    void redact_credentialNamedHeadersAndParameters_areBlanked() {
        Map<String, Object> event = Map.of(
                "headers", Map.of("X-Api-Key", "k1", "Cookie", "sid=s1", "x-cos-security-token", "t1",
                        "Proxy-Authorization", "Basic p1", "accept", "*/*"),
                "queryString", Map.of("access_token", "a1", "api_key", "k2", "q-signature", "s2", "page", "3"),
                "requestContext", Map.of("identity", Map.of("secretId", "AKID1", "clientSecret", "c1")));

        String text = Json.toString(redaction.redact(event));

        for (String secret : List.of("k1", "s1", "t1", "p1", "a1", "k2", "s2", "AKID1", "c1")) {
            assertFalse(text.contains("\"" + secret + "\"") || text.contains(secret + "\""), secret + " leaked: "
                    + text);
        }
        assertTrue(text.contains("*/*") && text.contains("\"page\":\"3\""), text);
    }

    @Test
    void redact_secretsInsideText_areBlanked() {
        Map<String, Object> event = Map.of("path", "/tasks?access_token=" + TOKEN + "&page=2",
                "url", "https://b.cos.ap-guangzhou.myqcloud.com/k?q-sign-algorithm=sha1&q-signature=abc123&x-cos"
                        + "-security-token=zz9",
                "body", "{\"note\":\"" + TOKEN + "\"}");

        String text = Json.toString(redaction.redact(event));

        assertFalse(text.contains(TOKEN), text);
        assertFalse(text.contains("abc123") || text.contains("zz9"), text);
        assertTrue(text.contains("page=2") && text.contains("q-sign-algorithm=sha1"), text);
    }

    @Test
    void redact_headersThatAreNotAnObject_areNeverLoggedRaw() {
        Object redacted = redaction.redact(Map.of("headers", "Authorization: Bearer raw-secret"));
        assertFalse(Json.toString(redacted).contains("raw-secret"));
    }

    @Test
    void isSecretName_matchesCredentialNamesInAnySpelling() {
        for (String name : List.of("Authorization", "X-API-KEY", "apiKey", "access_token", "X-Amz-Security-Token",
                "set-cookie", "password", "X-Amz-Signature")) {
            assertTrue(Redaction.isSecretName(name), name);
        }
        for (String name : List.of("key", "eTag", "Idempotency-Key", "Content-Type", "bucket")) {
            assertFalse(Redaction.isSecretName(name), name);
        }
    }

    @Test
    void truncate_longText_saysHowMuchWasCut() {
        assertEquals("abc…(2 more)", Redaction.truncate("abcde", 3));
    }

    /** One rule for every signature-bearing parameter, wherever a URL shows: a shown record, an event, a log line. */
    @Test
    void everySignatureBearingParameter_isBlanked_inRecordsEventsAndLogLines() {
        String url = "https://x.example/a.mp3?sign=s-cos&sig=s-sas&q-signature=s-q&X-Amz-Signature=s-amz"
                + "&X-Amz-Security-Token=s-tok&x-cos-security-token=s-cos-tok&design=keep&t=1";
        String shown = Json.toString(new Redaction(List.of()).redact(Map.of("result", Map.of("url", url))));
        String line;
        try (com.aigcaudio.testing.LogCapture log = new com.aigcaudio.testing.LogCapture()) {
            Logger.get(RedactionTest.class).info("fetched", "url", url);
            line = log.text();
        }
        for (String text : List.of(shown, line)) {
            for (String secret : List.of("s-cos", "s-sas", "s-q", "s-amz", "s-tok", "s-cos-tok")) {
                assertFalse(text.contains("=" + secret), secret + " leaked: " + text);
            }
            assertTrue(text.contains("design=keep") && text.contains("t=1"), text);
        }
    }

    /** A Base64 body is decoded before redaction: a token pasted into a prompt cannot be decoded from the log. */
    @Test
    void base64Body_isRedactedAfterDecoding() {
        String body = "{\"Prompt\":\"rain, and my token " + TOKEN + "\"}";
        String encoded = Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> event = Map.of("isBase64Encoded", true, "body", encoded);

        String text = Json.toString(redaction.redact(event));

        assertFalse(text.contains(TOKEN), text);
        assertFalse(text.contains(encoded.substring(0, 24)), "not logged encoded: " + text);
        assertTrue(text.contains("rain, and my token"), text);
    }
}
