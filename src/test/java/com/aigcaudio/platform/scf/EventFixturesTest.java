package com.aigcaudio.platform.scf;

import com.aigcaudio.config.Settings;
import com.aigcaudio.function.FunctionConfig;
import com.aigcaudio.function.InvocationFailedException;
import com.aigcaudio.json.Json;
import com.aigcaudio.platform.lambda.LambdaHandler;
import com.aigcaudio.platform.lambda.LambdaInstance;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.LambdaTestContext;
import com.aigcaudio.testing.FunctionHarness;
import com.aigcaudio.testing.IndependentCosVerifier;
import com.aigcaudio.testing.IndependentSigV4Verifier;
import com.aigcaudio.testing.RealS3;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Runs the SCF handler (the Lambda handler for aws-*.json) on every fixture in events/ against WireMock and compares
 * the exact API request bodies sent
 * (none, for skipped or refused events) and the exact result with src/test/resources/expected/NAME.json.
 * Run with -Dfixtures.record=true to rewrite the expectations after a deliberate change, then review the diff.
 */
class EventFixturesTest {
    private static final Path EVENTS = Path.of("events");
    private static final Path EXPECTED = Path.of("src/test/resources/expected");
    private static final FakeTencentCloud VOD = new FakeTencentCloud("vod");
    private static final Pattern PRESIGNED = Pattern.compile("https://[^\"]+\\?q-sign-algorithm=sha1[^\"]*");
    private static final Pattern S3_PRESIGNED = Pattern.compile("https://[^\"]+\\?X-Amz-Algorithm=[^\"]*");
    private static final IndependentSigV4Verifier S3_VERIFIER = new IndependentSigV4Verifier(RealS3.ACCESS_KEY,
            RealS3.SECRET_KEY, RealS3.TOKEN);
    private static final IndependentCosVerifier COS_VERIFIER = new IndependentCosVerifier(FakeTencentCloud.SECRET_ID,
            FakeTencentCloud.SECRET_KEY);

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .collect(Collectors.toList());
            return names.stream();
        }
    }

    @BeforeEach
    void stubSuccess() {
        VOD.reset();
        VOD.stub(VOD.action("CreateAigcAudioTask").willReturn(FakeTencentCloud.json(
                FakeTencentCloud.success("251441341-AigcAudioTask-fixture", "req-fixture"))));
    }

    @AfterAll
    static void stop() {
        VOD.close();
    }

    /**
     * Presigned media URLs carry the signing time: each must verify independently, then its time-dependent values
     * become placeholders so the rest compares exactly.
     */
    private static String withStableSignatures(String body) {
        Matcher urls = PRESIGNED.matcher(body);
        StringBuilder out = new StringBuilder();
        while (urls.find()) {
            String url = urls.group();
            assertNull(COS_VERIFIER.presignedUrlProblem(url, Instant.now().getEpochSecond()), url);
            urls.appendReplacement(out, Matcher.quoteReplacement(url
                    .replaceAll("(q-(?:sign|key)-time=)[0-9]+%3B[0-9]+", "$1<time>")
                    .replaceAll("(q-signature=)[0-9a-f]{40}", "$1<signature>")));
        }
        urls.appendTail(out);
        Matcher s3 = S3_PRESIGNED.matcher(out.toString());
        StringBuilder stable = new StringBuilder();
        while (s3.find()) {
            String url = s3.group();
            assertNull(S3_VERIFIER.presignedProblem(URI.create(url), Instant.now().getEpochSecond()), url);
            s3.appendReplacement(stable, Matcher.quoteReplacement(url
                    .replaceAll("(X-Amz-Credential=[^%]+%2F)[0-9]{8}", "$1<date>")
                    .replaceAll("(X-Amz-Date=)[0-9TZ]{16}", "$1<time>")
                    .replaceAll("(X-Amz-Signature=)[0-9a-f]{64}", "$1<signature>")));
        }
        s3.appendTail(stable);
        return stable.toString();
    }

    /** AWS fixtures (aws-*.json) run through the Lambda handler, the others through SCF's. */
    private static FunctionHarness.Outcome run(String name) throws IOException {
        Map<String, Object> event = FunctionHarness.load(EVENTS.resolve(name));
        Map<String, String> env = FunctionHarness.fixtureEnv(VOD);
        if (!name.startsWith("aws-")) {
            return new FunctionHarness(env).invoke(event);
        }
        env.put("TENCENTCLOUD_SECRET_ID", FakeTencentCloud.SECRET_ID);
        env.put("TENCENTCLOUD_SECRET_KEY", FakeTencentCloud.SECRET_KEY);
        env.put("AWS_ACCESS_KEY_ID", RealS3.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", RealS3.SECRET_KEY);
        env.put("AWS_SESSION_TOKEN", RealS3.TOKEN);
        env.put("AWS_REGION", "eu-west-1");
        Settings settings = new Settings(env::get);
        LambdaHandler handler = new LambdaHandler(() -> LambdaInstance.from(settings, FunctionConfig.from(settings),
                Clock.systemUTC(), null), Clock.systemUTC());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(Json.toBytes(event)), out,
                    new LambdaTestContext("fixture-request", 30_000));
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) Json.parse(out.toByteArray());
            return new FunctionHarness.Outcome(result, false);
        } catch (InvocationFailedException e) {
            return new FunctionHarness.Outcome(e.result(), true);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void handle_fixture_sendsExpectedRequestsAndReturnsExpectedResult(String name) throws IOException {
        // A fresh function (and idempotency store) per fixture: each is a first delivery.
        FunctionHarness.Outcome outcome = run(name);

        List<Object> sent = new ArrayList<>();
        // Records of one event run concurrently: compare the requests as a set, in a stable order.
        List<String> bodies = new ArrayList<>();
        for (LoggedRequest request : VOD.requests()) {
            bodies.add(withStableSignatures(request.getBodyAsString()));
        }
        bodies.sort(null);
        for (String body : bodies) {
            sent.add(Json.parse(body));
        }
        Map<String, Object> actual = new LinkedHashMap<>();
        actual.put("requests", sent);
        actual.put("failed", outcome.failed);
        actual.put("result", outcome.result);
        Path expectedFile = EXPECTED.resolve(name);
        if (Boolean.getBoolean("fixtures.record")) {
            Files.writeString(expectedFile, Json.toString(actual) + "\n", StandardCharsets.UTF_8);
        }
        assertEquals(Json.toString(Json.parse(Files.readAllBytes(expectedFile))), Json.toString(actual));
        VOD.assertAllSigned();
    }
}
