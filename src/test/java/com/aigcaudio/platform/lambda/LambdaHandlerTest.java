package com.aigcaudio.platform.lambda;

import com.aigcaudio.aws.secrets.SecretUnavailableException;
import com.aigcaudio.config.Settings;
import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.function.FunctionConfig;
import com.aigcaudio.function.InvocationFailedException;
import com.aigcaudio.json.Json;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.LambdaTestContext;
import com.aigcaudio.testing.FunctionHarness;
import com.aigcaudio.testing.IndependentSigV4Verifier;
import com.aigcaudio.testing.LogCapture;
import com.aigcaudio.testing.MutableClock;
import com.aigcaudio.testing.RealS3;
import com.aigcaudio.trigger.InvalidEventException;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Lambda adapter: deadline from the runtime, Secrets Manager credentials, failure signalling, SnapStart hooks. */
class LambdaHandlerTest {
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:aigc/tencent-AbCdEf";
    private static final String TENCENT_KEY = "tencent-secret-key-from-secrets-manager";
    private FakeTencentCloud vod;
    private HttpServer secrets;
    private final AtomicInteger secretFetches = new AtomicInteger();
    private final List<String> secretProblems = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> secretBody = new AtomicReference<>(
            "{\"SecretId\":\"" + FakeTencentCloud.SECRET_ID + "\",\"SecretKey\":\"" + FakeTencentCloud.SECRET_KEY
                    + "\"}");
    private final AtomicInteger secretStatus = new AtomicInteger(200);

    @BeforeEach
    void start() throws IOException {
        vod = new FakeTencentCloud("vod");
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(FakeTencentCloud.json(
                FakeTencentCloud.success("251441341-AigcAudioTask-lambda", "req-lambda"))));
        IndependentSigV4Verifier verifier = new IndependentSigV4Verifier(RealS3.ACCESS_KEY, RealS3.SECRET_KEY,
                RealS3.TOKEN);
        secrets = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        secrets.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            secretFetches.incrementAndGet();
            String problem = verifier.problem(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders()::getFirst, body,
                    System.currentTimeMillis() / 1000);
            Map<?, ?> request = (Map<?, ?>) Json.parse(body);
            if (problem == null && !"secretsmanager.GetSecretValue".equals(exchange.getRequestHeaders().getFirst(
                    "X-Amz-Target"))) {
                problem = "wrong X-Amz-Target";
            }
            if (problem == null && !ARN.equals(request.get("SecretId"))) {
                problem = "wrong SecretId";
            }
            if (problem == null && !exchange.getRequestHeaders().getFirst("Authorization").contains(
                    "/eu-west-1/secretsmanager/")) {
                problem = "wrong scope";
            }
            byte[] answer;
            int status;
            if (problem != null) {
                secretProblems.add(problem);
                status = 400;
                answer = ("{\"__type\":\"com.amazonaws.secretsmanager#AccessDeniedException\","
                        + "\"Message\":\"no\"}").getBytes(StandardCharsets.UTF_8);
            } else if (secretStatus.get() != 200) {
                status = secretStatus.get();
                answer = ("{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Secrets Manager can't find the "
                        + "specified secret.\"}").getBytes(StandardCharsets.UTF_8);
            } else {
                status = 200;
                answer = Json.toBytes(Map.of("ARN", ARN, "Name", "aigc/tencent", "SecretString", secretBody.get()));
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        secrets.start();
    }

    @AfterEach
    void stop() {
        vod.assertAllSignedAndClose();
        secrets.stop(0);
    }

    private Map<String, String> env(boolean fromSecret) {
        Map<String, String> env = FunctionHarness.fixtureEnv(vod);
        env.put("AWS_ACCESS_KEY_ID", RealS3.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", RealS3.SECRET_KEY);
        env.put("AWS_SESSION_TOKEN", RealS3.TOKEN);
        env.put("AWS_REGION", "eu-west-1");
        if (fromSecret) {
            env.put("AIGC_TENCENT_SECRET_ARN", ARN);
            env.put("AIGC_SECRETS_MANAGER_ENDPOINT", "http://127.0.0.1:" + secrets.getAddress().getPort() + "/");
        } else {
            env.put("TENCENTCLOUD_SECRET_ID", FakeTencentCloud.SECRET_ID);
            env.put("TENCENTCLOUD_SECRET_KEY", FakeTencentCloud.SECRET_KEY);
        }
        return env;
    }

    private static LambdaHandler handler(Map<String, String> env) {
        return handler(env, Clock.systemUTC());
    }

    private static LambdaHandler handler(Map<String, String> env, Clock clock) {
        Settings settings = new Settings(env::get);
        return new LambdaHandler(() -> LambdaInstance.from(settings, FunctionConfig.from(settings), clock, null),
                clock);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> invoke(LambdaHandler handler, String fixture,
            int remainingMs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of("events", fixture))), out,
                new LambdaTestContext("lambda-request", remainingMs));
        return (Map<String, Object>) Json.parse(out.toByteArray());
    }

    @Test
    void handleRequest_secretArn_fetchesOnceSignedAndNeverLogsIt() throws IOException {
        LambdaHandler handler = handler(env(true));
        try (LogCapture logs = new LogCapture()) {
            assertEquals(202, ((Number) invoke(handler, "aws-http-api-post.json", 30_000).get("statusCode"))
                    .intValue());
            assertEquals(202, ((Number) invoke(handler, "aws-rest-api-post.json", 30_000).get("statusCode"))
                    .intValue());
            assertFalse(logs.text().contains(FakeTencentCloud.SECRET_KEY), "the Tencent key is never logged");
            assertFalse(logs.text().contains(RealS3.SECRET_KEY));
        }
        assertEquals(List.of(), secretProblems);
        assertEquals(1, secretFetches.get(), "fetched once per instance");
        assertEquals(2, vod.requests().size());
    }

    @Test
    void handleRequest_secretMissingFields_failsNamingTheSecretNotItsValue() {
        secretBody.set("{\"id\":\"AKID\",\"key\":\"" + TENCENT_KEY + "\"}");
        LambdaHandler handler = handler(env(true));
        SecretUnavailableException e = assertThrows(SecretUnavailableException.class,
                () -> invoke(handler, "aws-http-api-post.json", 30_000));
        assertTrue(e.getMessage().contains(ARN) && e.getMessage().contains("SecretId"), e.getMessage());
        assertFalse(e.getMessage().contains(TENCENT_KEY));
        assertEquals(0, vod.requests().size(), "no API call without credentials");
    }

    @Test
    void handleRequest_secretNotFound_saysWhichAndCallsNothing() {
        secretStatus.set(400);
        SecretUnavailableException e = assertThrows(SecretUnavailableException.class,
                () -> invoke(handler(env(true)), "aws-s3-put.json", 30_000));
        assertEquals("Secrets Manager refused " + ARN + ": ResourceNotFoundException (HTTP 400)", e.getMessage());
        assertEquals(0, vod.requests().size());
    }

    @Test
    void malformedSecretArn_failsEachInvocation_namingTheVariable() {
        Map<String, String> env = env(true);
        env.put("AIGC_TENCENT_SECRET_ARN", "aigc/tencent");
        LambdaHandler handler = handler(env);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> invoke(handler, "aws-s3-put.json", 30_000));
        assertTrue(e.getMessage().contains("AIGC_TENCENT_SECRET_ARN"), e.getMessage());
    }

    @Test
    void handleRequest_littleTimeLeft_leavesRecordsForTheRetry() {
        InvocationFailedException e = assertThrows(InvocationFailedException.class,
                () -> invoke(handler(env(false)), "aws-s3-put.json", 1_500));
        assertTrue(Json.toString(e.result()).contains("DeadlineReached"), Json.toString(e.result()));
        assertEquals(0, vod.requests().size(), "nothing started past the deadline");
    }

    @Test
    void handleRequest_notJson_isAnInvalidEvent() {
        LambdaHandler handler = handler(env(false));
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> handler.handleRequest(
                new ByteArrayInputStream("{not json".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                new LambdaTestContext("r", 30_000)));
        assertTrue(e.getMessage().startsWith("the event is not valid JSON"), e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void s3State_uploadTrackedAndDelivered_allInTheRealS3Server() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (com.aigcaudio.emulator.AigcEmulator emulator = com.aigcaudio.emulator.AigcEmulator.start(
                com.aigcaudio.core.Service.VOD, 0, null, Duration.ofMillis(200),
                Duration.ofMillis(600), clock)) {
            URI bucket = RealS3.get().newBucket();
            Map<String, String> env = env(false);
            env.put("AIGC_ENDPOINT", emulator.endpoint().toString());
            env.put("TENCENTCLOUD_SECRET_ID", com.aigcaudio.emulator.AigcEmulator.CREDENTIALS.secretId());
            env.put("TENCENTCLOUD_SECRET_KEY", com.aigcaudio.emulator.AigcEmulator.CREDENTIALS.secretKey());
            String name = bucket.getPath().replaceAll("/", "");
            env.put("AIGC_STATE", "s3://" + name + "/");
            env.put("AIGC_S3_ENDPOINT", "http://" + bucket.getHost() + ":" + bucket.getPort() + "/");
            env.put("AIGC_TRACKER_FIRST_CHECK_MS", "100");
            LambdaHandler handler = handler(env, clock);

            Map<String, Object> created = ((List<Map<String, Object>>) invoke(handler, "aws-s3-put.json", 30_000)
                    .get("results")).get(0);
            assertEquals("created", created.get("status"));
            Map<String, Object> duplicate = ((List<Map<String, Object>>) invoke(handler(env, clock),
                    "aws-s3-put.json", 30_000)
                    .get("results")).get(0);
            assertEquals("duplicate", duplicate.get("status"), "the claim in S3 holds across instances");
            assertEquals(created.get("taskId"), duplicate.get("taskId"));

            // Each S3 invocation moves the tracker on with its time left; the tracker rule's tick finishes the rest.
            // Past the task's end (600 ms) and the record's next check after the two checks so far (backoff).
            clock.advance(Duration.ofSeconds(10));
            invoke(handler, "aws-schedule-tracker.json", 30_000);
            com.aigcaudio.store.S3ObjectStore store = new com.aigcaudio.store.S3ObjectStore(bucket, "eu-west-1",
                    FunctionHarness.AWS, new com.aigcaudio.transport.UrlConnectionTransport(Duration.ofSeconds(2)),
                    Clock.systemUTC());
            List<String> soundtracks = store.list("soundtracks/", com.aigcaudio.core.Deadline.after(
                    Clock.systemUTC(), Duration.ofSeconds(10)));
            assertEquals(List.of("soundtracks/incoming/summer holiday 假日 100%+1.mp4.wav"), soundtracks);
            assertEquals(List.of(), store.list("aigc-tracking/open/", com.aigcaudio.core.Deadline.after(
                    Clock.systemUTC(), Duration.ofSeconds(10))), "nothing left open");
            assertEquals(List.of(), RealS3.get().problems(), "every S3 request signed correctly");
        }
    }

    @Test
    void snapStart_roleCredentialsFromTheContainerEndpoint_fetchedAgainAfterARestore() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        HttpServer container = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        container.createContext("/creds", exchange -> {
            fetches.incrementAndGet();
            byte[] body = Json.toBytes(Map.of("AccessKeyId", RealS3.ACCESS_KEY, "SecretAccessKey", RealS3.SECRET_KEY,
                    "Token", RealS3.TOKEN, "Expiration", Instant.now().plusSeconds(3600).toString()));
            boolean allowed = "snap-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(allowed ? 200 : 403, allowed ? body.length : -1);
            if (allowed) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        container.start();
        try {
            Map<String, String> env = env(false);
            // With SnapStart Lambda sets no key variables, only the container credentials endpoint.
            env.remove("AWS_ACCESS_KEY_ID");
            env.remove("AWS_SECRET_ACCESS_KEY");
            env.remove("AWS_SESSION_TOKEN");
            env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + container.getAddress().getPort()
                    + "/creds");
            env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "snap-token");
            LambdaHandler handler = handler(env);
            assertEquals(0, fetches.get(), "nothing fetched before the snapshot");

            invoke(handler, "aws-s3-put.json", 30_000);
            handler.beforeCheckpoint(null);
            handler.afterRestore(null);
            invoke(handler, "aws-s3-put.json", 30_000);

            assertEquals(2, fetches.get(), "once per instance, and again after the restore");
            assertEquals(2, vod.requests().size());
            assertTrue(vod.requests().get(0).getBodyAsString().contains("X-Amz-Credential=" + RealS3.ACCESS_KEY),
                    "the media URL is signed with the role's credentials");
        } finally {
            container.stop(0);
        }
    }

    @Test
    void snapStartHooks_restore_rebuildsAndFetchesTheSecretAgain() throws Exception {
        Map<String, String> env = env(true);
        LambdaHandler handler = handler(env);
        invoke(handler, "aws-http-api-post.json", 30_000);
        assertEquals(1, secretFetches.get());

        handler.beforeCheckpoint(null);
        // A restored instance runs with new role credentials: the old ones must not be used.
        handler.afterRestore(null);
        invoke(handler, "aws-rest-api-post.json", 30_000);

        assertEquals(2, secretFetches.get(), "the secret is fetched again after a restore, never carried");
        assertEquals(List.of(), secretProblems);
        assertEquals(2, vod.requests().size());
    }
}
