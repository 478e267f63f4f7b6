package com.aigcaudio.trigger.timer;

import com.aigcaudio.function.Invocation;
import com.aigcaudio.idempotency.IdempotencyKey;
import com.aigcaudio.submit.WorkItem;
import com.aigcaudio.function.InvocationResult;
import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;
import com.aigcaudio.plan.Plan;
import com.aigcaudio.plan.TaskPlanner;
import com.aigcaudio.submit.TaskOutcome;
import com.aigcaudio.submit.TaskSubmitter;
import com.aigcaudio.tencent.client.InvalidRequestException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A timer tick. The message is a task in the HTTP body's schema (a JSON object), or plain text used as the prompt;
 * an empty message means the configured defaults alone.
 */
public final class TimerTrigger {
    private final TaskPlanner planner;
    private final TaskSubmitter submitter;
    private final String keyPrefix;

    public TimerTrigger(TaskPlanner planner, TaskSubmitter submitter, String keyPrefix) {
        this.planner = planner;
        this.submitter = submitter;
        this.keyPrefix = keyPrefix;
    }

    public InvocationResult handle(Map<?, ?> event, Invocation invocation) {
        TimerEvent timer = TimerEvent.decode(event);
        String source = "timer://" + (timer.triggerName() == null ? "" : timer.triggerName()) + "@" + timer.time();
        TaskOutcome outcome = submitter.submit(new WorkItem(source,
                IdempotencyKey.forTimer(keyPrefix, timer.triggerName(), timer.time()), null,
                () -> Plan.of(planner.forSpec(spec(timer.message()), values(timer)))), invocation.deadline());
        // As for a COS record: only a failure a redelivery can fix fails the invocation. A permanently invalid
        // message, or an unknown outcome whose retry could create a second paid task, is reported, not retried.
        return new InvocationResult(outcome.toJson(), outcome.retryableFailure());
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
}
