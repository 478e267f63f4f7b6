package com.aigcaudio.bench;

import com.aigcaudio.json.Json;
import com.aigcaudio.tencent.aigc.VodAudioTask;
import com.aigcaudio.tencent.aigc.VodMediaReference;
import com.aigcaudio.tencent.aigc.VodOutputConfig;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.signing.Tc3Request;
import com.aigcaudio.tencent.signing.Tc3Signature;
import com.aigcaudio.tencent.signing.Tc3Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** The warm per-request CPU cost of the client: build + validate + serialise + TC3-sign one request. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SignAndSerializeBenchmark {
    private final Credentials credentials = Credentials.of("AKIDbenchFAKE000000000000000000000", "bench-secret-FAKE");
    private final Instant now = Instant.ofEpochSecond(1_763_884_800L);

    @Benchmark
    public Tc3Signature signAndSerialize() {
        VodAudioTask task = VodAudioTask.builder().subAppId(251441341L).modelName("MiniMaxMusic").modelVersion("2.0")
                .sceneType("music").prompt("Upbeat soundtrack for incoming/holiday clip.mp4")
                .addVideo(VodMediaReference.url("https://videos-1250000000.cos.ap-guangzhou.myqcloud.com/incoming/holiday%20clip.mp4"))
                .outputConfig(VodOutputConfig.builder().storageMode("Temporary").outputAudioFormat("mp3").duration(30L).build())
                .build();
        task.validate();
        byte[] body = Json.toBytes(task.toJsonValue());
        return Tc3Signer.sign(new Tc3Request("vod", "vod.tencentcloudapi.com", "application/json; charset=utf-8", body),
                credentials, now);
    }
}
