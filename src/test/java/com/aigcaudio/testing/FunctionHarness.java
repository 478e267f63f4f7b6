package com.aigcaudio.testing;

import com.aigcaudio.aws.auth.AwsCredentials;
import com.aigcaudio.config.Settings;
import com.aigcaudio.function.FunctionBuilder;
import com.aigcaudio.function.FunctionConfig;
import com.aigcaudio.function.InvocationFailedException;
import com.aigcaudio.json.Json;
import com.aigcaudio.platform.cli.LocalContext;
import com.aigcaudio.platform.scf.ScfHandler;
import com.aigcaudio.store.ObjectStore;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.transport.UrlConnectionTransport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Builds the SCF handler from a map of environment variables, pointed at a fake endpoint, and runs events. */
public final class FunctionHarness {
    private static final CredentialsProvider CREDENTIALS = CredentialsProvider.fixed(
            Credentials.of(FakeTencentCloud.SECRET_ID, FakeTencentCloud.SECRET_KEY));
    /** The AWS role credentials tests sign S3 requests and URLs with (RealS3 accepts them). */
    public static final Supplier<AwsCredentials> AWS = () -> new AwsCredentials(RealS3.ACCESS_KEY, RealS3.SECRET_KEY,
            RealS3.TOKEN);
    private final ScfHandler handler;

    /** With the configured idempotency store, and without the connection warm-up (it only speeds up a cold JVM). */
    public FunctionHarness(Map<String, String> env) {
        this(FunctionConfig.from(new Settings(env::get)), null, Clock.systemUTC());
    }

    /** On a given state store, so tests can inspect what was written. */
    public FunctionHarness(Map<String, String> env, ObjectStore store) {
        this(FunctionConfig.from(new Settings(env::get)), store, Clock.systemUTC());
    }

    /** On a clock the test moves (stay within a minute of real time: fakes check signatures against it). */
    public FunctionHarness(Map<String, String> env, Clock clock) {
        this(FunctionConfig.from(new Settings(env::get)), null, clock);
    }

    private FunctionHarness(FunctionConfig config, ObjectStore store, Clock clock) {
        this.handler = new ScfHandler(FunctionBuilder.of(config, CREDENTIALS).aws(AWS).clock(clock)
                .transport(new UrlConnectionTransport(Duration.ofSeconds(2))).state(store).build(), clock);
    }

    /** The fixtures' task defaults on VOD, and the same model on MPS. */
    public static final String VOD_DEFAULTS = "{\"ModelName\":\"MiniMaxMusic\",\"ModelVersion\":\"2.0\","
            + "\"SceneType\":\"music\",\"SubAppId\":251441341,"
            + "\"OutputConfig\":{\"StorageMode\":\"Temporary\",\"OutputAudioFormat\":\"mp3\"}}";
    public static final String MPS_DEFAULTS = "{\"ModelName\":\"MiniMaxMusic\",\"ModelVersion\":\"2.0\","
            + "\"SceneType\":\"music\",\"OutputAudioFormat\":\"mp3\"}";

    public static Map<String, String> fixtureEnv(FakeTencentCloud endpoint) {
        return fixtureEnv(endpoint.endpoint());
    }

    /** The variables the fixtures are written for, pointed at {@code endpoint}. */
    public static Map<String, String> fixtureEnv(URI endpoint) {
        Map<String, String> env = new HashMap<>();
        env.put("AIGC_SERVICE", "vod");
        env.put("AIGC_ENDPOINT", endpoint.toString());
        env.put("AIGC_TASK_DEFAULTS", VOD_DEFAULTS);
        env.put("AIGC_PROMPT", "Soundtrack for {filename}");
        env.put("AIGC_COS_OUTPUT_PREFIX", "aigc-output/");
        env.put("AIGC_HTTP_TOKEN", "local-demo-token-0123456789");
        // Each harness its own state: a local directory would carry records from one test into the next.
        env.put("AIGC_STATE", "memory:");
        return env;
    }

    /** The handler's result; {@code failed} is true when it threw for SCF to retry. */
    public Outcome invoke(Map<String, Object> event) {
        return invoke(event, 30_000);
    }

    /** With SCF's time limit for the invocation set to {@code timeLimitMs}. */
    public Outcome invoke(Map<String, Object> event, int timeLimitMs) {
        try {
            return new Outcome(handler.handle(event, new LocalContext("fixture-request", timeLimitMs)), false);
        } catch (InvocationFailedException e) {
            return new Outcome(e.result(), true);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(Path file) {
        try {
            return (Map<String, Object>) Json.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class Outcome {
        public final Map<String, Object> result;
        public final boolean failed;

        public Outcome(Map<String, Object> result, boolean failed) {
            this.result = result;
            this.failed = failed;
        }
    }
}
