package com.aigcaudio.trigger.timer;

import java.util.Map;

import static com.aigcaudio.trigger.EventFields.optionalText;

/** A timer invocation: {"Type":"Timer","TriggerName":…,"Time":…,"Message":…}. */
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
        String message = optionalText(event, "Message", "Message");
        return new TimerEvent(optionalText(event, "TriggerName", "TriggerName"), optionalText(event, "Time", "Time"),
                message == null ? "" : message);
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
