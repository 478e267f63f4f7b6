package com.aigcaudio.platform.scf;

import com.aigcaudio.aws.auth.AwsRoleCredentials;
import com.aigcaudio.config.Settings;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.Invocation;
import com.aigcaudio.core.InvocationResult;
import com.aigcaudio.function.AigcAudioFunction;
import com.aigcaudio.function.FunctionBuilder;
import com.aigcaudio.function.FunctionConfig;
import com.aigcaudio.function.InvocationFailedException;
import com.aigcaudio.json.Json;
import com.aigcaudio.log.Logger;
import com.aigcaudio.tencent.auth.EnvironmentCredentials;
import com.aigcaudio.tencent.client.ConnectionWarmup;
import com.qcloud.scf.runtime.Context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The SCF event-function entry point: {@code com.aigcaudio.platform.scf.ScfHandler::handle}. One instance serves
 * COS, API gateway / function URL and timer events; the runtime deserialises the event into a Map and
 * JSON-encodes the returned Map.
 */
public final class ScfHandler {
    private static final AtomicBoolean COLD = new AtomicBoolean(true);

    private final AigcAudioFunction function;
    private final Clock clock;

    /** Used by the SCF runtime: reads and validates the configuration once per instance. */
    public ScfHandler() {
        this(fromEnvironment(), Clock.systemUTC());
    }

    public ScfHandler(AigcAudioFunction function, Clock clock) {
        this.function = function;
        this.clock = clock;
    }

    /** A start that fails still answers every invocation with a summary line, so the failure shows in metrics. */
    private static AigcAudioFunction fromEnvironment() {
        Settings settings = Settings.system();
        try {
            return build(settings);
        } catch (RuntimeException e) {
            return AigcAudioFunction.failedStart(e, settings, null, Clock.systemUTC());
        }
    }

    private static AigcAudioFunction build(Settings settings) {
        ConnectionWarmup early = FunctionBuilder.warmUpEarly(settings);
        FunctionConfig config = FunctionConfig.platform(settings);
        Logger.configure(System.out, config.logLevel());
        EnvironmentCredentials credentials = new EnvironmentCredentials(settings.lookup());
        credentials.credentials();
        return FunctionBuilder.of(config, credentials).warmup(early).aws(new AwsRoleCredentials(settings.lookup()))
                .build();
    }

    public Map<String, Object> handle(Map<String, Object> event, Context context) {
        Instant started = clock.instant();
        Invocation invocation = new Invocation(context.getRequestId(), deadline(started, context.getTimeLimitInMs()),
                COLD.getAndSet(false));
        InvocationResult result = function.invoke(event, invocation);
        if (result.failed()) {
            throw new InvocationFailedException(result.body());
        }
        return Json.object(result.body().toJsonValue());
    }

    /** SCF's Context has no remaining-time method: the deadline is the start plus the limit, less a reserve. */
    private Deadline deadline(Instant started, int timeLimitMs) {
        return Invocation.deadline(clock, started, Duration.ofMillis(timeLimitMs > 0 ? timeLimitMs : 3_000));
    }
}
