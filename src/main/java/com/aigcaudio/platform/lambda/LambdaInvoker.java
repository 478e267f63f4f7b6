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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What the Lambda handler does with an invocation, in none of the Lambda runtime's types: {@link LambdaHandler}
 * only translates its {@code Context}, and the command line runs AWS events through this without
 * aws-lambda-java-core, which the Lambda runtime provides and the deploy jar does not carry.
 */
public final class LambdaInvoker {
    private static final AtomicBoolean COLD = new AtomicBoolean(true);

    private final Supplier<LambdaInstance> factory;
    private final Clock clock;
    private volatile LambdaInstance instance;

    public LambdaInvoker(Supplier<LambdaInstance> factory, Clock clock) {
        this.factory = factory;
        this.clock = clock;
        this.instance = start();
    }

    /** An invoker around a function built elsewhere (the command line, with its emulator credentials). */
    public static LambdaInvoker of(AigcAudioFunction function) {
        return new LambdaInvoker(() -> LambdaInstance.of(function), Clock.systemUTC());
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

    /**
     * Reads the event, runs it, writes the answer.
     *
     * @param remainingMs the runtime's time left for this invocation
     * @throws InvocationFailedException when some work failed and Lambda should retry the event
     */
    public void handle(InputStream input, OutputStream output, String requestId, int remainingMs) throws IOException {
        Instant started = clock.instant();
        Deadline deadline = Invocation.deadline(clock, started, Duration.ofMillis(Math.max(remainingMs, 0)));
        LambdaInstance current = instance;
        Invocation invocation = new Invocation(requestId, deadline, COLD.getAndSet(false));
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

    /** Nothing built before a SnapStart snapshot survives it: clients, connections, secrets. */
    void close() {
        instance.close();
    }

    /** After a restore: the function built anew, credentials read again. */
    void restart() {
        instance = start();
    }
}
