package com.aigcaudio.platform.lambda;

import com.aigcaudio.aws.auth.AwsCredentials;
import com.aigcaudio.aws.signing.S3Presigner;
import com.aigcaudio.json.Json;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.client.HandshakePrimer;
import com.aigcaudio.tencent.signing.Tc3Request;
import com.aigcaudio.tencent.signing.Tc3Signer;
import com.aigcaudio.trigger.TriggerType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs, before the SnapStart snapshot, what every cold invocation would otherwise do first: JSON parsing and
 * writing, event recognition, both signers and the TLS crypto setup. Only throwaway inputs and credentials are
 * used, and nothing is kept: the snapshot holds loaded, initialised classes, never a key, a clock reading or a
 * connection.
 */
final class SnapStartPriming {
    private static final String S3_EVENT = "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"awsRegion\":\"u"
            + "s-east-1\","
            + "\"eventTime\":\"2026-01-01T00:00:00.000Z\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key"
                    + "\":\"a+b.mp4\","
            + "\"size\":1,\"eTag\":\"e\",\"sequencer\":\"0\"}}}]}";
    private static final String HTTP_EVENT = "{\"version\":\"2.0\",\"rawPath\":\"/tasks\",\"headers\":{},"
            + "\"requestContext\":{\"http\":{\"method\":\"POST\"}},\"body\":\"{}\",\"isBase64Encoded\":false}";

    private SnapStartPriming() {
    }

    static void prime() {
        for (String event : new String[] {S3_EVENT, HTTP_EVENT}) {
            Object parsed = Json.parse(event);
            TriggerType.detect(parsed);
            Json.toBytes(parsed);
        }
        Instant when = Instant.parse("2026-01-01T00:00:00Z");
        Tc3Signer.sign(new Tc3Request("vod", "vod.tencentcloudapi.com", "application/json; charset=utf-8",
                "{}".getBytes(StandardCharsets.UTF_8)),
                Credentials.of("priming-id", "priming-key"), when);
        S3Presigner.presignGet(URI.create("https://b.s3.us-east-1.amazonaws.com/"), "us-east-1", "k",
                new AwsCredentials("priming-id", "priming-key", null), when, Duration.ofMinutes(1));
        HandshakePrimer.run();
    }
}
