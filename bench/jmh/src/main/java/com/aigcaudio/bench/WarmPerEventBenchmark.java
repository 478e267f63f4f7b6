package com.aigcaudio.bench;

import com.aigcaudio.config.Settings;
import com.aigcaudio.core.UploadedObject;
import com.aigcaudio.function.FunctionConfig;
import com.aigcaudio.json.Json;
import com.aigcaudio.plan.Plan;
import com.aigcaudio.plan.TaskPlanner;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.signing.Tc3Request;
import com.aigcaudio.tencent.signing.Tc3Signature;
import com.aigcaudio.tencent.signing.Tc3Signer;
import com.aigcaudio.trigger.cos.CosEventDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The warm per-event cost of the function: parse a COS event, decode its record, plan the task from the
 * configured defaults, serialise the body and TC3-sign it. No network, no idempotency store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WarmPerEventBenchmark {
    private final Credentials credentials = Credentials.of("AKIDbenchFAKE000000000000000000000", "bench-secret-FAKE");
    private byte[] event;
    private TaskPlanner planner;

    @Setup
    public void setUp() throws IOException {
        event = Files.readAllBytes(Path.of(System.getProperty("bench.event", "../../events/cos-video-upload.json")));
        Map<String, String> env = Map.of("AIGC_STATE", "memory:", "AIGC_TASK_DEFAULTS",
                "{\"ModelName\":\"MiniMaxMusic\",\"SceneType\":\"music\",\"SubAppId\":251441341}",
                "AIGC_PROMPT", "Soundtrack for {filename}");
        FunctionConfig config = FunctionConfig.from(new Settings(env::get));
        planner = new TaskPlanner(config.defaults(), config.cos());
    }

    @Benchmark
    public Tc3Signature decodePlanSign() {
        Map<?, ?> parsed = (Map<?, ?>) Json.parse(event);
        UploadedObject object = CosEventDecoder.decode(((List<?>) parsed.get("Records")).get(0), "Records[0]");
        Plan plan = planner.forCosObject(object);
        byte[] body = Json.toBytes(plan.task().toJsonValue());
        return Tc3Signer.sign(new Tc3Request("vod", "vod.tencentcloudapi.com", "application/json; charset=utf-8", body),
                credentials, Instant.ofEpochSecond(1_763_884_800L));
    }
}
