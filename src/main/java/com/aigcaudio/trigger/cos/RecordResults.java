package com.aigcaudio.trigger.cos;

import com.aigcaudio.core.JsonWritable;
import com.aigcaudio.submit.TaskOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What became of each record of one COS or S3 event, in the event's order: {results: [...]}. */
final class RecordResults implements JsonWritable {
    private final TaskOutcome[] outcomes;

    RecordResults(TaskOutcome[] outcomes) {
        this.outcomes = outcomes.clone();
    }

    @Override
    public Map<String, Object> toJsonValue() {
        List<Object> results = new ArrayList<>(outcomes.length);
        for (TaskOutcome outcome : outcomes) {
            results.add(outcome.toJsonValue());
        }
        return Map.of("results", results);
    }
}
