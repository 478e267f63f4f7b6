package com.aigcaudio.function;

import com.aigcaudio.core.Invocation;
import com.aigcaudio.core.InvocationResult;
import com.aigcaudio.core.Tally;
import com.aigcaudio.log.Logger;
import com.aigcaudio.log.Redaction;
import com.aigcaudio.track.TrackerReport;
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
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("function_request_id", invocation.requestId());
        context.put("cold_start", invocation.coldStart());
        Logger.setContext(context);
        long started = System.nanoTime();
        try {
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
        } finally {
            Logger.clearContext();
        }
    }
}
