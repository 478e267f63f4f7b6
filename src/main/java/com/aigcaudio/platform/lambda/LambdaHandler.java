package com.aigcaudio.platform.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The AWS Lambda entry point: {@code com.aigcaudio.platform.lambda.LambdaHandler::handleRequest}. One instance
 * serves S3, HTTP API / function URL / REST API and EventBridge schedule events, the same function as on SCF. It
 * translates the runtime's {@code Context} for {@link LambdaInvoker}. With SnapStart it primes the cold path
 * before the snapshot and, after a restore, builds the function anew: fresh connections, credentials read again,
 * nothing random or time-bound carried over.
 */
public final class LambdaHandler implements RequestStreamHandler, Resource {
    private final LambdaInvoker invoker;

    /** Used by the Lambda runtime: reads and validates the configuration once per instance. */
    public LambdaHandler() {
        this(LambdaInstance::fromEnvironment, Clock.systemUTC());
        // CRaC keeps resources weakly: the runtime holds this handler for the instance's life.
        Core.getGlobalContext().register(this);
    }

    public LambdaHandler(Supplier<LambdaInstance> factory, Clock clock) {
        this.invoker = new LambdaInvoker(factory, clock);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        invoker.handle(input, output, context.getAwsRequestId(), context.getRemainingTimeInMillis());
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        SnapStartPriming.prime();
        invoker.close();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        invoker.restart();
    }
}
