package com.aigcaudio.function;

import com.aigcaudio.config.Settings;
import com.aigcaudio.core.Invocation;
import com.aigcaudio.core.InvocationResult;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.tencent.client.ConnectionWarmup;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.FunctionHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class FunctionBuilderTest {
    private static final CredentialsProvider CREDENTIALS = CredentialsProvider.fixed(
            Credentials.of(FakeTencentCloud.SECRET_ID, FakeTencentCloud.SECRET_KEY));
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final Map<String, String> env = FunctionHarness.fixtureEnv(vod);

    @AfterEach
    void close() {
        vod.close();
    }

    @Test
    void earlyWarmup_isTheConnectionTheTaskGoesOn_notASecondOne() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(FakeTencentCloud.json(
                FakeTencentCloud.success("task-early", "r"))));
        Settings settings = new Settings(env::get);

        ConnectionWarmup early = FunctionBuilder.warmUpEarly(settings);
        AigcAudioFunction function = FunctionBuilder.of(FunctionConfig.from(settings), CREDENTIALS).warmup(early)
                .build();
        InvocationResult result = function.invoke(FunctionHarness.load(Path.of("events/cos-video-upload.json")),
                new Invocation("r-1", Invocation.deadline(Clock.systemUTC(), Clock.systemUTC().instant(),
                        Duration.ofSeconds(20)), true));

        assertFalse(result.failed());
        assertEquals(1, vod.probes().size(), "one warm-up probe, the early one");
        assertEquals(1, vod.requests().size());
        vod.assertAllSigned();
    }

    @Test
    void earlyWarmup_offOrInvalidClientSettings_startsNothing() {
        env.put("AIGC_CONNECTION_WARMUP", "false");
        assertNull(FunctionBuilder.warmUpEarly(new Settings(env::get)));

        env.put("AIGC_CONNECTION_WARMUP", "true");
        env.put("AIGC_CONNECT_TIMEOUT_MS", "soon");
        assertNull(FunctionBuilder.warmUpEarly(new Settings(env::get)), "FunctionConfig names the variable instead");
        assertEquals(0, vod.probes().size());
    }
}
