package com.aigcaudio.function;

import com.aigcaudio.aws.auth.AwsCredentials;
import com.aigcaudio.config.FunctionConfig;
import com.aigcaudio.idempotency.IdempotencyStore;
import com.aigcaudio.idempotency.IdempotencyStores;
import com.aigcaudio.log.Logger;
import com.aigcaudio.log.Redaction;
import com.aigcaudio.plan.MediaUrls;
import com.aigcaudio.store.ObjectStore;
import com.aigcaudio.store.ObjectStores;
import com.aigcaudio.track.Tracker;
import com.aigcaudio.plan.TaskPlanner;
import com.aigcaudio.submit.TaskSubmitter;
import com.aigcaudio.support.Lazy;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.tencent.client.ClientConfig;
import com.aigcaudio.tencent.client.ConnectionWarmup;
import com.aigcaudio.tencent.client.HttpClients;
import com.aigcaudio.tencent.client.TencentCloudClient;
import com.aigcaudio.trigger.TriggerType;
import com.aigcaudio.trigger.cos.CosTrigger;
import com.aigcaudio.trigger.http.HttpTrigger;
import com.aigcaudio.trigger.timer.TimerTrigger;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The function, free of any platform: recognises the trigger from the event's shape and hands the event to it.
 * Built once per instance; the API client is created on first use.
 */
public final class AigcAudioFunction {
    private static final Logger LOG = Logger.get(AigcAudioFunction.class);
    /** The sweep's guaranteed part of a tracker run: one quarter. */
    private static final int SWEEP_SHARE = 4;

    private final CosTrigger cos;
    private final HttpTrigger http;
    private final TimerTrigger timer;
    private final boolean logEvents;
    private final Tracker tracker;
    private final OrphanSweep sweep;
    private final Clock clock;
    private final Redaction redaction;

    /**
     * @param credentials Tencent Cloud's, for the API and COS
     * @param aws         the AWS role's, for S3 (on SCF nothing asks for them)
     */
    public AigcAudioFunction(FunctionConfig config, CredentialsProvider credentials, Supplier<AwsCredentials> aws,
                             Clock clock) {
        this(config, credentials, aws, HttpClients.lazy(config.client().connectTimeout()), clock);
    }

    private AigcAudioFunction(FunctionConfig config, CredentialsProvider credentials, Supplier<AwsCredentials> aws,
                              Supplier<HttpClient> http, Clock clock) {
        this(config, credentials, aws, warmedUp(config, http), http,
                ObjectStores.state(config.idempotency(), credentials, aws, http, clock), null, clock);
    }

    /** Opens the API connection in the background, overlapping the rest of the cold start, unless turned off. */
    private static Supplier<HttpClient> warmedUp(FunctionConfig config, Supplier<HttpClient> http) {
        ClientConfig client = config.client();
        return client.connectionWarmup()
                ? ConnectionWarmup.start(http, client.endpoint(), client.connectTimeout()) : http;
    }

    /** @param store the idempotency store (tests pass an in-memory one to inspect it) */
    public AigcAudioFunction(FunctionConfig config, CredentialsProvider credentials, Supplier<AwsCredentials> aws,
                             Supplier<HttpClient> http, IdempotencyStore store, Clock clock) {
        this(config, credentials, aws, http, http, ObjectStores.state(config.idempotency(), credentials, aws, http, clock),
                store, clock);
    }

    /**
     * @param api   the API's HTTP client (warmed up); {@code other} serves COS, downloads and webhooks
     * @param state the state store; {@code store} the idempotency store on it, or null for the configured one
     */
    private AigcAudioFunction(FunctionConfig config, CredentialsProvider credentials, Supplier<AwsCredentials> aws,
                              Supplier<HttpClient> api, Supplier<HttpClient> other, ObjectStore state,
                              IdempotencyStore store, Clock clock) {
        this.clock = clock;
        IdempotencyStore idempotency = store != null ? store : IdempotencyStores.create(config.idempotency(), state, clock);
        Lazy<AigcAudioTasks> tasks = new Lazy<>(
                () -> new AigcAudioTasks(new TencentCloudClient(config.client(), credentials, api)));
        this.tracker = Tracker.create(config.tracking(), config.client().service(), config.defaults().subAppId(), state,
                IdempotencyStores.create(config.idempotency(), state, clock), tasks,
                ObjectStores.results(config.tracking(), config.idempotency(), state, credentials, aws, other, clock),
                ObjectStores.resultsName(config.tracking()), config.defaults().mpsOutputBucket(),
                other, clock);
        TaskPlanner planner = new TaskPlanner(config.defaults(), config.cos(),
                new MediaUrls(config.mediaUrls(), credentials, aws, clock));
        TaskSubmitter submitter = new TaskSubmitter(tasks, idempotency, config.idempotency(), tracker, config.dryRun(),
                state, config.maxTasksPerDay(), config.maxTasksPerHour(), clock);
        String keyPrefix = config.idempotency().keyPrefix();
        this.cos = new CosTrigger(planner, submitter, keyPrefix, config.client().requestsPerSecond());
        this.http = new HttpTrigger(config.http(), planner, submitter, keyPrefix, tracker,
                config.client().service().name().toLowerCase(java.util.Locale.ROOT), config.defaults().parameters());
        this.timer = new TimerTrigger(planner, submitter, keyPrefix, tracker, config.tracking().trackerTrigger());
        this.sweep = new OrphanSweep(idempotency, keyPrefix, tracker, clock);
        this.logEvents = config.logEvents();
        this.redaction = new Redaction(Collections.singletonList(config.http().token()));
        Logger.redactEverywhere(config.http().token());
    }

    /**
     * A tracker tick also sweeps orphaned claims, redoing their work through the trigger that recorded it. The sweep
     * goes first and stops starting on claims after a quarter of the run, so a tracker backlog never starves it.
     */
    private InvocationResult trackAndSweep(Map<?, ?> event, Invocation invocation) {
        Instant share = clock.instant().plus(invocation.deadline().remaining().dividedBy(SWEEP_SHARE));
        Map<String, Object> swept = sweep.run(share, invocation.deadline(), (trigger, recorded) -> "cos".equals(trigger)
                ? cos.handle(recorded, invocation) : timer.handle(recorded, invocation));
        InvocationResult tracked = timer.handle(event, invocation);
        Map<String, Object> body = new LinkedHashMap<>(tracked.body());
        body.put("sweep", swept);
        return new InvocationResult(body, tracked.failed());
    }

    /**
     * @throws com.aigcaudio.trigger.InvalidEventException when the event is of no shape this function handles
     */
    public InvocationResult invoke(Object event, Invocation invocation) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("function_request_id", invocation.requestId());
        context.put("cold_start", invocation.coldStart());
        Logger.setContext(context);
        long started = System.nanoTime();
        try {
            TriggerType type = TriggerType.detect(event);
            Logger.putContext("trigger", type.label());
            if (logEvents) {
                LOG.info("event received", "event", redaction.redact(event));
            }
            Map<?, ?> map = (Map<?, ?>) event;
            InvocationResult result;
            switch (type) {
                case COS:
                case S3:
                    // No tracker pass here: the task just created is not due yet, and finding due records takes a
                    // bucket listing every upload would pay for. The tracker timer does it.
                    result = cos.handle(map, invocation);
                    break;
                case TIMER:
                case SCHEDULE:
                    if (timer.isTrackerTick(map)) {
                        result = trackAndSweep(map, invocation);
                    } else {
                        result = timer.handle(map, invocation);
                    }
                    break;
                default:
                    // A caller is waiting for the answer: no tracker run here (GET /tasks/{id} checks live).
                    result = http.handle(map, invocation);
            }
            LOG.info("invocation done", "failed", result.failed(), "duration_ms", (System.nanoTime() - started) / 1_000_000);
            return result;
        } finally {
            Logger.clearContext();
        }
    }
}
