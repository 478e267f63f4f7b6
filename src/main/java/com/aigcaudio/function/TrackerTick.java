package com.aigcaudio.function;

import com.aigcaudio.core.JsonWritable;
import com.aigcaudio.track.TrackerReport;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a tracker tick did: {tracker: what the tracker run did, sweep: what the orphan sweep did}. */
final class TrackerTick implements JsonWritable {
    private final TrackerReport tracker;
    private final OrphanSweep.Report sweep;

    TrackerTick(TrackerReport tracker, OrphanSweep.Report sweep) {
        this.tracker = tracker;
        this.sweep = sweep;
    }

    @Override
    public Map<String, Object> toJsonValue() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tracker", tracker.toJsonValue());
        json.put("sweep", sweep.toJsonValue());
        return json;
    }
}
