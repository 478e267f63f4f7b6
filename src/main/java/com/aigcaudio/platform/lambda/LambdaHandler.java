package com.aigcaudio.platform.lambda;

import com.aigcaudio.config.Settings;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.Invocation;
import com.aigcaudio.core.InvocationResult;
import com.aigcaudio.function.AigcAudioFunction;
import com.aigcaudio.function.InvocationFailedException;
import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;
import com.aigcaudio.trigger.InvalidEventException;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The AWS Lambda entry point: {@code com.aigcaudio.platform.lambda.LambdaHandler::handleRequest}. One instance
 * serves S3, HTTP API / function URL / REST API and EventBridge schedule events, the same function as on SCF. With
 * SnapStart it primes the cold path before the snapshot and, after a restore, builds the function anew: fresh
 * connections, credentials read again, nothing random or time-bound carried over.
 */
public final class LambdaHandler implements RequestStreamHandler, Resource {
    private static final AtomicBoolean COLD = new AtomicBoolean(true);

    private final Supplier<LambdaInstance> factory;
    private final Clock clock;
    private volatile LambdaInstance instance;

    /** Used by the Lambda runtime: reads and validates the configuration once per instance. */
    public LambdaHandler() {
        this(LambdaInstance::fromEnvironment, Clock.systemUTC());
        // CRaC keeps resources weakly: the runtime holds this handler for the instance's life.
        Core.getGlobalContext().register(this);
    }

    public LambdaHandler(Supplier<LambdaInstance> factory, Clock clock) {
        this.factory = factory;
        this.clock = clock;
        this.instance = start();
    }

    /** A start that fails still answers every invocation with a summary and EMF metrics (the alarms see it). */
    private LambdaInstance start() {
        try {
            return factory.get();
        } catch (RuntimeException e) {
            Settings settings = Settings.system();
            return LambdaInstance.of(AigcAudioFunction.failedStart(e, settings,
                    LambdaInstance.metricsNamespace(settings), clock));
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Instant started = clock.instant();
        Deadline deadline = deadline(started, context.getRemainingTimeInMillis());
        LambdaInstance current = instance;
        Invocation invocation = new Invocation(context.getAwsRequestId(), deadline, COLD.getAndSet(false));
        Object event;
        try {
            try {
                event = Json.parse(input.readAllBytes());
            } catch (JsonSyntaxException e) {
                throw new InvalidEventException("the event is not valid JSON: " + e.getMessage());
            }
            current.loadSecrets(deadline);
        } catch (RuntimeException e) {
            current.function().reportFailure(e, invocation);
            throw e;
        }
        InvocationResult result = current.function().invoke(event, invocation);
        if (result.failed()) {
            // Lambda retries an asynchronous event (S3, schedule) when the handler fails, then sends it on failure.
            throw new InvocationFailedException(result.body());
        }
        output.write(Json.toBytes(result.body()));
    }

    /** The runtime's remaining time, less a reserve to write the answer. */
    private Deadline deadline(Instant started, int remainingMs) {
        return Invocation.deadline(clock, started, Duration.ofMillis(Math.max(remainingMs, 0)));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        SnapStartPriming.prime();
        // Nothing built before the snapshot survives it: clients, connections, secrets.
        instance.close();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        instance = start();
    }
}
