package com.aigcaudio.function;

import com.aigcaudio.aws.secrets.SecretUnavailableException;
import com.aigcaudio.config.Settings;
import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.core.Invocation;
import com.aigcaudio.core.InvocationResult;
import com.aigcaudio.core.Tally;
import com.aigcaudio.log.Logger;
import com.aigcaudio.log.Redaction;
import com.aigcaudio.tencent.auth.MissingCredentialsException;
import com.aigcaudio.track.TrackerReport;
import com.aigcaudio.trigger.InvalidEventException;
import com.aigcaudio.trigger.TriggerType;
import com.aigcaudio.trigger.cos.CosTrigger;
import com.aigcaudio.trigger.http.HttpTrigger;
import com.aigcaudio.trigger.timer.TimerTrigger;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The function, free of any platform: recognises the trigger from the event's shape and hands the event to it.
 * Built once per instance by {@link FunctionBuilder}; the API client is created on first use.
 */
public final class AigcAudioFunction {
    private static final Logger LOG = Logger.get(AigcAudioFunction.class);
    /** The sweep's guaranteed part of a tracker run: one quarter. */
    private static final int SWEEP_SHARE = 4;

    private final CosTrigger cos;
    private final HttpTrigger http;
    private final TimerTrigger timer;
    private final OrphanSweep sweep;
    private final Clock clock;
    private final Redaction eventLog;
    private final Metrics metrics;
    /** Why this instance could not start (configuration, credentials), or null: every invocation then fails so. */
    private final RuntimeException startFailure;

    /** The three triggers, each handling the events of its kind. */
    static final class Triggers {
        final CosTrigger cos;
        final HttpTrigger http;
        final TimerTrigger timer;

        Triggers(CosTrigger cos, HttpTrigger http, TimerTrigger timer) {
            this.cos = cos;
            this.http = http;
            this.timer = timer;
        }
    }

    /**
     * @param eventLog redacts events for the log (AIGC_LOG_EVENTS), or null when events are not logged
     * @param metrics  where each invocation's summary goes
     */
    AigcAudioFunction(Triggers triggers, OrphanSweep sweep, Clock clock, Redaction eventLog, Metrics metrics) {
        this.cos = triggers.cos;
        this.http = triggers.http;
        this.timer = triggers.timer;
        this.sweep = sweep;
        this.clock = clock;
        this.eventLog = eventLog;
        this.metrics = metrics;
        this.startFailure = null;
    }

    private AigcAudioFunction(RuntimeException startFailure, Metrics metrics) {
        this.cos = null;
        this.http = null;
        this.timer = null;
        this.sweep = null;
        this.clock = null;
        this.eventLog = null;
        this.metrics = metrics;
        this.startFailure = startFailure;
    }

    /**
     * An instance that could not start: each invocation writes its summary line (and metrics) with the start's
     * failure code and fails with the start's error, so a broken configuration or secret fires the TasksFailed
     * alarm instead of leaving the metrics silent.
     *
     * @param settings         where the summary's service label is read (AIGC_SERVICE, valid or not)
     * @param metricsNamespace the CloudWatch namespace (AWS), or null for a plain line (SCF)
     */
    public static AigcAudioFunction failedStart(RuntimeException cause, Settings settings, String metricsNamespace,
                                                Clock clock) {
        LOG.error("the function cannot start; every invocation fails until this is fixed", "error_code",
                failureCode(cause), "error", cause.getMessage());
        String service = settings.lookup().apply("AIGC_SERVICE");
        String label = "mps".equalsIgnoreCase(service == null ? "" : service.trim()) ? "mps" : "vod";
        return new AigcAudioFunction(cause, new Metrics(label, metricsNamespace, clock));
    }

    /**
     * Writes the summary of an invocation that failed outside the pipeline (an event that is not JSON, a secret
     * that could not be read), with its failure code.
     */
    public void reportFailure(RuntimeException failure, Invocation invocation) {
        Logger.setContext(invocationContext(invocation));
        try {
            publishFailure(failure, invocation);
        } finally {
            Logger.clearContext();
        }
    }

    private void publishFailure(RuntimeException failure, Invocation invocation) {
        Tally tally = new Tally();
        tally.failed(failureCode(failure));
        metrics.publish(tally, invocation.coldStart());
    }

    private static Map<String, Object> invocationContext(Invocation invocation) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("function_request_id", invocation.requestId());
        context.put("cold_start", invocation.coldStart());
        return context;
    }

    /** The failure code of an invocation that failed as a whole. */
    static String failureCode(RuntimeException e) {
        if (e instanceof InvalidEventException) {
            return "InvalidEvent";
        }
        if (e instanceof SecretUnavailableException) {
            return "SecretUnavailable";
        }
        if (e instanceof ConfigurationException) {
            return "ConfigurationInvalid";
        }
        if (e instanceof MissingCredentialsException) {
            return "CredentialsMissing";
        }
        return "InternalError";
    }

    /**
     * A tracker tick also sweeps orphaned claims, redoing their work through the trigger that recorded it. The sweep
     * goes first and stops starting on claims after a quarter of the run, so a tracker backlog never starves it.
     */
    private InvocationResult trackAndSweep(Map<?, ?> event, Invocation invocation) {
        Instant share = clock.instant().plus(invocation.deadline().remaining().dividedBy(SWEEP_SHARE));
        Tally tally = new Tally();
        OrphanSweep.Report swept = sweep.run(share, invocation.deadline(), (trigger, recorded) -> {
            InvocationResult redone = "cos".equals(trigger) ? cos.handle(recorded, invocation)
                    : timer.handle(recorded, invocation);
            tally.addAll(redone.tally());
            return redone;
        });
        for (int i = 0; i < swept.reportedUnknown(); i++) {
            tally.add(Tally.Count.UNKNOWN_OUTCOMES);
        }
        TrackerReport report = timer.track(invocation);
        tally.addAll(report.tally());
        // A store that could not be read is worth SCF's retry; records left for lack of time are not.
        return new InvocationResult(new TrackerTick(report, swept), report.storeFailed(), tally);
    }

    /**
     * @throws com.aigcaudio.trigger.InvalidEventException when the event is of no shape this function handles
     */
    public InvocationResult invoke(Object event, Invocation invocation) {
        Logger.setContext(invocationContext(invocation));
        long started = System.nanoTime();
        try {
            if (startFailure != null) {
                throw startFailure;
            }
            TriggerType type = TriggerType.detect(event);
            Logger.putContext("trigger", type.label());
            if (eventLog != null) {
                LOG.info("event received", "event", eventLog.redact(event));
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
            long durationMs = (System.nanoTime() - started) / 1_000_000;
            LOG.info("invocation done", "failed", result.failed(), "duration_ms", durationMs);
            metrics.publish(result.tally(), invocation.coldStart());
            return result;
        } catch (RuntimeException e) {
            if (startFailure == null) {
                LOG.error("invocation failed", "error_code", failureCode(e), "error", e.getMessage());
            }
            publishFailure(e, invocation);
            throw e;
        } finally {
            Logger.clearContext();
        }
    }
}
