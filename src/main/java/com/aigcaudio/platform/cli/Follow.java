package com.aigcaudio.platform.cli;

import com.aigcaudio.function.InvocationFailedException;
import com.aigcaudio.json.Json;
import com.aigcaudio.platform.scf.ScfHandler;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code invoke --follow}: after the invocation, runs the tracker as its timer would, once a second, until no
 * task is left open or the time is up, so a local run ends with the soundtrack on disk.
 */
final class Follow {
    private static final Duration PAUSE = Duration.ofSeconds(1);

    private Follow() {
    }

    /** @return the last tracker report, or null when the time ran out first */
    static Map<String, Object> untilSettled(ScfHandler handler, String trackerTrigger, Duration limit, int timeLimitMs,
                                            PrintStream err) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            Thread.sleep(PAUSE.toMillis());
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("Type", "Timer");
            event.put("TriggerName", trackerTrigger);
            event.put("Time", Instant.now().toString());
            event.put("Message", "track");
            Map<String, Object> result;
            try {
                result = handler.handle(event, new LocalContext("follow-" + UUID.randomUUID(), timeLimitMs));
            } catch (InvocationFailedException e) {
                result = e.result();
            }
            Map<String, Object> report = Json.object(result.get("tracker"));
            if (((Number) report.get("notDue")).intValue() == 0 && ((Number) report.get("leftForNextRun"))
                    .intValue() == 0
                    && ((Number) report.get("checked")).intValue() == ((Number) report.get("done")).intValue()
                    + ((Number) report.get("failed")).intValue() + ((Number) report.get("expired")).intValue()) {
                return report;
            }
        }
        err.println("--follow: tasks still open after " + limit.getSeconds() + " s; run the tracker timer event later");
        return null;
    }
}
