package com.aigcaudio.trigger.timer;

import java.util.List;
import java.util.Map;

import static com.aigcaudio.trigger.EventFields.optionalText;

/**
 * A timer invocation: SCF's {"Type":"Timer","TriggerName":…,"Time":…,"Message":…}, or an EventBridge scheduled
 * event, whose rule (the last segment of {@code resources[0]}) is the trigger name and {@code detail.Message}, when
 * set, the message.
 */
public final class TimerEvent {
    private final String triggerName;
    private final String time;
    private final String message;

    TimerEvent(String triggerName, String time, String message) {
        this.triggerName = triggerName;
        this.time = time;
        this.message = message;
    }

    public static TimerEvent decode(Map<?, ?> event) {
        if (event.containsKey("detail-type")) {
            return decodeEventBridge(event);
        }
        String message = optionalText(event, "Message", "Message");
        return new TimerEvent(optionalText(event, "TriggerName", "TriggerName"), optionalText(event, "Time", "Time"),
                message == null ? "" : message);
    }

    private static TimerEvent decodeEventBridge(Map<?, ?> event) {
        String rule = null;
        if (event.get("resources") instanceof List && !((List<?>) event.get("resources")).isEmpty()) {
            String arn = String.valueOf(((List<?>) event.get("resources")).get(0));
            rule = arn.substring(arn.lastIndexOf('/') + 1);
        }
        String message = null;
        if (event.get("detail") instanceof Map) {
            message = optionalText((Map<?, ?>) event.get("detail"), "Message", "detail.Message");
        }
        return new TimerEvent(rule, optionalText(event, "time", "time"), message == null ? "" : message);
    }

    public String triggerName() {
        return triggerName;
    }

    /** The scheduled time, UTC, as SCF sends it (e.g. 2019-02-21T11:49:00Z). */
    public String time() {
        return time;
    }

    /** The configured argument; empty when unset. */
    public String message() {
        return message;
    }
}
