package com.aigcaudio.function;

import com.aigcaudio.testing.FakeCos;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.FunctionHarness;
import com.aigcaudio.testing.RealS3;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.aigcaudio.testing.FakeTencentCloud.json;
import static com.aigcaudio.testing.FakeTencentCloud.success;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What an upload, a jingle and an HTTP POST cost in state-store requests, counted at the COS fake and at S3Mock:
 * no bucket listing on these paths (finding due records is the tracker timer's job), and the requests per created
 * task and per duplicate delivery at most 5 and 2 (claim; read and mark SENDING; write COMPLETED over our own
 * SENDING record, which nothing takes over, without a read; the tracking record), so a change that adds one
 * shows up here.
 */
class StoreRequestsTest {
    private static final int PER_CREATED_TASK = 5;
    private static final int PER_DUPLICATE = 2;
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final FakeCos cos = new FakeCos();
    private final Map<String, String> env = FunctionHarness.fixtureEnv(vod);

    StoreRequestsTest() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success("task-count", "r"))));
        env.put("AIGC_STATE", "cos://state-1250000000.ap-guangzhou/");
        env.put("AIGC_RESULTS", "none");
        env.put("AIGC_COS_ENDPOINT", cos.endpoint().toString());
    }

    @AfterEach
    void tearDown() {
        vod.assertAllSignedAndClose();
        cos.assertAllSignedAndClose();
    }

    private Map<String, Object> httpPost() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", "POST");
        event.put("path", "/tasks");
        event.put("headers", Map.of("Authorization", "Bearer local-demo-token-0123456789",
                "Content-Type", "application/json", "Idempotency-Key", "count-1"));
        event.put("body", "{\"Prompt\":\"rain\"}");
        return event;
    }

    /** "METHOD path" of every request the fake received, listings marked LIST. */
    private List<String> requestsDuring(Runnable invocation) {
        int before = cos.requestCount();
        invocation.run();
        List<LoggedRequest> all = cos.requests();
        return all.subList(before, all.size()).stream().map(r -> (r.getUrl().contains("prefix=") ? "LIST"
                : r.getMethod().getName()) + " " + URI.create(r.getUrl()).getPath()).collect(Collectors.toList());
    }

    private void assertCosCosts(Map<String, Object> event) {
        List<String> created = requestsDuring(() -> new FunctionHarness(env).invoke(event));
        List<String> duplicate = requestsDuring(() -> new FunctionHarness(env).invoke(event));

        assertEquals(0, created.stream().filter(r -> r.startsWith("LIST")).count(), String.valueOf(created));
        assertEquals(PER_CREATED_TASK, created.size(), String.valueOf(created));
        assertEquals(PER_DUPLICATE, duplicate.size(), String.valueOf(duplicate));
        assertEquals(1, vod.requests().size(), "one task");
    }

    @Test
    void cosUpload() {
        assertCosCosts(FunctionHarness.load(Path.of("events/cos-video-upload.json")));
    }

    @Test
    void timerJingle() {
        assertCosCosts(FunctionHarness.load(Path.of("events/timer-json-message.json")));
    }

    @Test
    void httpPostWithIdempotencyKey() {
        assertCosCosts(httpPost());
    }

    @Test
    void s3Upload_atS3Mock() {
        URI bucket = RealS3.get().newBucket();
        env.remove("AIGC_RESULTS");
        env.put("AIGC_STATE", "s3://" + bucket.getPath().replaceAll("/", "") + "/");
        env.put("AIGC_S3_ENDPOINT", "http://" + bucket.getHost() + ":" + bucket.getPort() + "/");
        env.put("AWS_REGION", "eu-west-1");
        env.put("AIGC_MEDIA_URL", "object");
        Map<String, Object> upload = FunctionHarness.load(Path.of("events/aws-s3-put.json"));

        new FunctionHarness(env).invoke(upload);
        int created = RealS3.get().requests(bucket.getPath()).size();
        new FunctionHarness(env).invoke(upload);
        int duplicate = RealS3.get().requests(bucket.getPath()).size() - created;

        assertEquals(PER_CREATED_TASK, created, String.valueOf(RealS3.get().requests(bucket.getPath())));
        assertEquals(PER_DUPLICATE, duplicate);
        assertEquals(0, RealS3.get().requests(bucket.getPath()).stream().filter(r -> r.endsWith("/")).count(),
                "no listing");
    }
}
