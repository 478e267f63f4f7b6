package com.aigcaudio.trigger.timer;

import com.aigcaudio.core.InvalidRequestException;
import com.aigcaudio.core.Invocation;
import com.aigcaudio.core.InvocationResult;
import com.aigcaudio.core.Tally;
import com.aigcaudio.idempotency.IdempotencyKey;
import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;
import com.aigcaudio.plan.Plan;
import com.aigcaudio.plan.TaskPlanner;
import com.aigcaudio.submit.TaskOutcome;
import com.aigcaudio.submit.TaskSubmitter;
import com.aigcaudio.submit.WorkItem;
import com.aigcaudio.track.Tracker;
import com.aigcaudio.track.TrackerReport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A timer tick. The message is a task in the HTTP body's schema (a JSON object), or plain text used as the prompt;
 * an empty message means the configured defaults alone.
 */
public final class TimerTrigger {
    private final TaskPlanner planner;
    private final TaskSubmitter submitter;
    private final Tracker tracker;
    private final String trackerTrigger;
    static final String TRACK_MESSAGE = "track";

    /** @param trackerTrigger the trigger name of the timer that runs the tracker */
    public TimerTrigger(TaskPlanner planner, TaskSubmitter submitter, Tracker tracker,
                        String trackerTrigger) {
        this.planner = planner;
        this.submitter = submitter;
        this.tracker = tracker;
        this.trackerTrigger = trackerTrigger;
    }

    /** A tracker timer is told apart by its trigger name (AIGC_TRACKER_TRIGGER) or the message {@code track}. */
    public boolean isTrackerTick(Map<?, ?> event) {
        TimerEvent timer = TimerEvent.decode(event);
        return trackerTrigger.equals(timer.triggerName()) || TRACK_MESSAGE.equals(timer.message().trim());
    }

    /** One tracker run over the open records ({@link #isTrackerTick}). */
    public TrackerReport track(Invocation invocation) {
        return tracker.run(invocation.deadline());
    }

    /** A jingle: the timer's message is the task's spec. */
    public InvocationResult handle(Map<?, ?> event, Invocation invocation) {
        TimerEvent timer = TimerEvent.decode(event);
        String source = source(timer);
        TaskOutcome outcome = submitter.submit(new WorkItem(source,
                timerKey(timer), null,
                () -> Plan.of(planner.forSpec(spec(timer.message()), values(timer))), null,
                Map.of("trigger", "timer", "event", event)), invocation.deadline());
        // As for a COS record: only a failure a redelivery can fix fails the invocation. A permanently invalid
        // message, or an unknown outcome whose retry could create a second paid task, is reported, not retried.
        Tally tally = new Tally();
        outcome.countInto(tally);
        return new InvocationResult(outcome, outcome.retryableFailure(), tally);
    }

    static Map<String, Object> spec(String message) {
        String trimmed = message.trim();
        if (trimmed.isEmpty()) {
            return Map.of();
        }
        if (trimmed.startsWith("{")) {
            try {
                return Json.parseObject(trimmed);
            } catch (JsonSyntaxException e) {
                throw new InvalidRequestException("Message", "looks like JSON but is not a valid JSON object ("
                        + e.getMessage() + ")");
            }
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("Prompt", trimmed);
        return spec;
    }

    private static Map<String, String> values(TimerEvent timer) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("trigger", timer.triggerName() == null ? "" : timer.triggerName());
        values.put("time", timer.time() == null ? "" : timer.time());
        return values;
    }

    /** A tick is one unit of work: the trigger's name and scheduled time. */
    private IdempotencyKey timerKey(TimerEvent timer) {
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("trigger", "timer");
        canonical.put("name", timer.triggerName() == null ? "" : timer.triggerName());
        canonical.put("time", timer.time() == null ? "" : timer.time());
        return submitter.keyOf(canonical);
    }

    /** How results name a tick's work: {@code timer://<trigger name>@<time>}. */
    public static String source(TimerEvent timer) {
        return "timer://" + (timer.triggerName() == null ? "" : timer.triggerName()) + "@" + timer.time();
    }
}
