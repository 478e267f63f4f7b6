package com.aigcaudio.track;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one tracker run did, for its log line and the timer's result. */
public final class TrackerReport {
    int checked;
    int done;
    int failed;
    int expired;
    int notDue;
    int leftForNextRun;
    boolean storeFailed;

    void count(TrackingRecord after) {
        checked++;
        switch (after.state) {
            case DONE:
                done++;
                break;
            case FAILED:
                failed++;
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

    public boolean storeFailed() {
        return storeFailed;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("checked", checked);
        json.put("done", done);
        json.put("failed", failed);
        json.put("expired", expired);
        json.put("notDue", notDue);
        json.put("leftForNextRun", leftForNextRun);
        return json;
    }
}
