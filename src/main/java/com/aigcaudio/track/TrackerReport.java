package com.aigcaudio.track;

import com.aigcaudio.core.JsonWritable;
import com.aigcaudio.core.Tally;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one tracker run did, for its log line and the timer's result. */
public final class TrackerReport implements JsonWritable {
    int checked;
    int done;
    int failed;
    int expired;
    int notDue;
    int leftForNextRun;
    /** Records a run could not handle (tried again on the next run). */
    int recordsFailed;
    boolean storeFailed;
    private final Tally tally = new Tally();

    void count(TrackingRecord after, Instant now) {
        checked++;
        switch (after.state) {
            case DONE:
                done++;
                tally.delivered(Duration.between(after.createdAt, now).toMillis());
                break;
            case FAILED:
                failed++;
                tally.failed(after.error == null ? null : after.error.code());
                break;
            case EXPIRED:
                expired++;
                break;
            default:
                break;
        }
    }

    /** Records not reached before the deadline; the next run carries on. */
    public int leftForNextRun() {
        return leftForNextRun;
    }

    /** Soundtracks delivered (with their latency from creation) and tasks failed, for metrics. */
    public Tally tally() {
        return tally;
    }

    public boolean storeFailed() {
        return storeFailed;
    }

    @Override
    public Map<String, Object> toJsonValue() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("checked", checked);
        json.put("done", done);
        json.put("failed", failed);
        json.put("expired", expired);
        json.put("notDue", notDue);
        json.put("leftForNextRun", leftForNextRun);
        if (recordsFailed > 0) {
            json.put("recordsFailed", recordsFailed);
        }
        return json;
    }
}
