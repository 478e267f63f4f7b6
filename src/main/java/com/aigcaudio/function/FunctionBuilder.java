package com.aigcaudio.function;

import com.aigcaudio.aws.auth.AwsCredentials;
import com.aigcaudio.config.ClientSettings;
import com.aigcaudio.config.Settings;
import com.aigcaudio.config.Variables;
import com.aigcaudio.config.StateConfig;
import com.aigcaudio.config.TrackingConfig;
import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.core.Lazy;
import com.aigcaudio.idempotency.IdempotencyStore;
import com.aigcaudio.idempotency.ObjectIdempotencyStore;
import com.aigcaudio.log.Logger;
import com.aigcaudio.log.Redaction;
import com.aigcaudio.plan.MediaUrls;
import com.aigcaudio.plan.TaskPlanner;
import com.aigcaudio.store.ObjectStore;
import com.aigcaudio.store.ObjectStores;
import com.aigcaudio.store.PrefixedObjectStore;
import com.aigcaudio.submit.ClaimGuard;
import com.aigcaudio.submit.SpendGuard;
import com.aigcaudio.submit.TaskSubmitter;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.tencent.client.ClientConfig;
import com.aigcaudio.tencent.client.ConnectionWarmup;
import com.aigcaudio.tencent.client.TencentCloudClient;
import com.aigcaudio.track.Tracker;
import com.aigcaudio.transport.Transport;
import com.aigcaudio.transport.UrlConnectionTransport;
import com.aigcaudio.trigger.cos.CosTrigger;
import com.aigcaudio.trigger.http.HttpTrigger;
import com.aigcaudio.trigger.http.TryPage;
import com.aigcaudio.trigger.timer.TimerTrigger;

import java.time.Clock;
import java.util.Collections;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The composition root: builds each collaborator of an instance once, in dependency order (clock, HTTP client,
 * stores, API client, tracker, submitter, triggers). The SCF handler, the Lambda handler and the command line all
 * build the function here; tests override the clock, the transport and the state store.
 */
public final class FunctionBuilder {
    private final FunctionConfig config;
    private final CredentialsProvider credentials;
    private Supplier<AwsCredentials> aws = () -> {
        throw new IllegalStateException("AWS credentials are needed only for s3:// locations and S3 uploads");
    };
    private Clock clock = Clock.systemUTC();
    private Transport transport;
    private ObjectStore state;
    private String metricsNamespace;
    private IdempotencyStore claims;
    /** Whether the transport is ours (then the API connection is warmed up) rather than a test's. */
    private boolean warmUp;
    private ConnectionWarmup early;

    private FunctionBuilder(FunctionConfig config, CredentialsProvider credentials) {
        this.config = config;
        this.credentials = credentials;
    }

    /** @param credentials Tencent Cloud's, for the API and COS */
    public static FunctionBuilder of(FunctionConfig config, CredentialsProvider credentials) {
        return new FunctionBuilder(config, credentials);
    }

    /**
     * Starts the API connection's warm-up from the client settings alone, before the rest of the configuration is
     * read (task defaults, stores, the JSON parser's first use: 20–25 ms of a cold result, measured), for
     * {@link #warmup}. Null when AIGC_CONNECTION_WARMUP is off or a client setting is invalid: FunctionConfig then
     * names the variable.
     */
    public static ConnectionWarmup warmUpEarly(Settings settings) {
        ClientConfig client;
        try {
            Variables.refuseUnregistered(settings);
            client = ClientSettings.from(settings);
        } catch (ConfigurationException e) {
            return null;
        }
        return client.connectionWarmup() ? ConnectionWarmup.start(new UrlConnectionTransport(client.connectTimeout()),
                client.endpoint(), client.connectTimeout()) : null;
    }

    /** The warm-up {@link #warmUpEarly} started: API calls go through it when it opened the configured endpoint. */
    public FunctionBuilder warmup(ConnectionWarmup started) {
        this.early = started;
        return this;
    }

    /** The AWS role's credentials, for S3 (on SCF nothing asks for them). */
    public FunctionBuilder aws(Supplier<AwsCredentials> aws) {
        this.aws = aws;
        return this;
    }

    public FunctionBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** One transport for everything, and no connection warm-up (which only speeds up a cold JVM). */
    public FunctionBuilder transport(Transport transport) {
        this.transport = transport;
        return this;
    }

    /** CloudWatch Embedded Metric Format in this namespace (AWS); without it, a plain summary line (SCF). */
    public FunctionBuilder metricsNamespace(String namespace) {
        this.metricsNamespace = namespace;
        return this;
    }

    /** The state store instead of AIGC_STATE's, for a test that inspects what was written. */
    public FunctionBuilder state(ObjectStore state) {
        this.state = state;
        return this;
    }

    /** The state store (AIGC_STATE's, or the one given), built once: also what `state` reads and resolves. */
    public ObjectStore stateStore() {
        if (state == null) {
            state = ObjectStores.state(config.state(), credentials, aws, http(), clock);
        }
        return state;
    }

    /** The claims on the state store. */
    public IdempotencyStore claims() {
        if (claims == null) {
            claims = new ObjectIdempotencyStore(stateStore(), StateConfig.MARKERS, clock);
        }
        return claims;
    }

    private Transport http() {
        if (transport == null) {
            transport = new UrlConnectionTransport(config.client().connectTimeout());
            warmUp = true;
        }
        return transport;
    }

    public AigcAudioFunction build() {
        Transport http = http();
        Transport api = warmUp ? warmedUp(http) : http;
        ObjectStore stateStore = stateStore();
        IdempotencyStore claims = claims();
        Lazy<AigcAudioTasks> tasks = new Lazy<>(
                () -> new AigcAudioTasks(new TencentCloudClient(config.client(), credentials, api)));
        Tracker tracker = Tracker.builder(config.tracking(), config.client().service(), clock)
                .records(stateStore, claims)
                .tasks(tasks, config.defaults().subAppId())
                .results(results(), ObjectStores.resultsName(config.tracking()), config.defaults().mpsOutputBucket())
                .transport(http)
                .build();
        TaskPlanner planner = new TaskPlanner(config.defaults(), config.cos(),
                new MediaUrls(config.mediaUrls(), credentials, aws, clock));
        TaskSubmitter submitter = new TaskSubmitter(tasks, new ClaimGuard(claims, config.state(), clock),
                new SpendGuard(stateStore, config.maxTasksPerDay(), config.maxTasksPerHour(), clock), tracker,
                config.dryRun());
        Logger.redactEverywhere(config.http().token());
        return new AigcAudioFunction(new AigcAudioFunction.Triggers(
                new CosTrigger(planner, submitter, config.client().requestsPerSecond()),
                new HttpTrigger(config.http(), planner, submitter, tracker, new TryPage(config.http(),
                        config.client().service().name().toLowerCase(Locale.ROOT), config.defaults().parameters()),
                                clock),
                new TimerTrigger(planner, submitter, tracker, config.tracking().trackerTrigger())),
                new OrphanSweep(claims, config.state().keyPrefix(), tracker, clock), clock,
                config.logEvents() ? new Redaction(Collections.singletonList(config.http().token())) : null,
                new Metrics(config.client().service().signingName(), metricsNamespace, clock));
    }

    /**
     * Where the tracker copies soundtracks: AIGC_RESULTS, by default the state location's own bucket (the same
     * store, at its root), or null with {@code AIGC_RESULTS=none} (the service's own, expiring URL is recorded).
     */
    private ObjectStore results() {
        TrackingConfig tracking = config.tracking();
        if (tracking.results() == null) {
            return null;
        }
        if (!tracking.resultsChosen()) {
            return PrefixedObjectStore.bucketOf(stateStore());
        }
        return ObjectStores.bucket(tracking.results(), config.state().localBaseUrl(), credentials, aws, http(), clock);
    }

    /** Opens the API connection in the background, overlapping the rest of the cold start, unless turned off. */
    private Transport warmedUp(Transport http) {
        ClientConfig client = config.client();
        if (!client.connectionWarmup()) {
            return http;
        }
        if (early != null && early.endpoint().equals(client.endpoint())) {
            return early;
        }
        return ConnectionWarmup.start(http, client.endpoint(), client.connectTimeout());
    }
}
