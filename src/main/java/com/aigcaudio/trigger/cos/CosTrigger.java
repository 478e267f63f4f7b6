package com.aigcaudio.trigger.cos;

import com.aigcaudio.function.Invocation;
import com.aigcaudio.idempotency.IdempotencyKey;
import com.aigcaudio.submit.WorkItem;
import com.aigcaudio.function.InvocationResult;
import com.aigcaudio.plan.TaskPlanner;
import com.aigcaudio.submit.TaskOutcome;
import com.aigcaudio.submit.TaskSubmitter;
import com.aigcaudio.tencent.client.ErrorClass;
import com.aigcaudio.trigger.InvalidEventException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A COS notification: every record gets its own outcome. The invocation fails, after all records are done, only
 * when some record failed in a way a redelivery can fix, so that SCF retries it.
 */
public final class CosTrigger {
    private final TaskPlanner planner;
    private final TaskSubmitter submitter;
    private final String keyPrefix;

    public CosTrigger(TaskPlanner planner, TaskSubmitter submitter, String keyPrefix) {
        this.planner = planner;
        this.submitter = submitter;
        this.keyPrefix = keyPrefix;
    }

    public InvocationResult handle(Map<?, ?> event, Invocation invocation) {
        List<?> records = (List<?>) event.get("Records");
        List<Object> results = new ArrayList<>(records.size());
        boolean retry = false;
        for (int i = 0; i < records.size(); i++) {
            TaskOutcome outcome = handleRecord(records.get(i), "Records[" + i + "]", invocation);
            retry |= outcome.retryableFailure();
            results.add(outcome.toJson());
        }
        return new InvocationResult(Map.of("results", results), retry);
    }

    private TaskOutcome handleRecord(Object record, String path, Invocation invocation) {
        CosObjectEvent object;
        try {
            object = CosEventDecoder.decode(record, path);
        } catch (InvalidEventException e) {
            return TaskOutcome.failed(path, new TaskOutcome.Failure(ErrorClass.INVALID_REQUEST, "InvalidEvent",
                    e.getMessage(), null, null), "the record is malformed");
        }
        return submitter.submit(new WorkItem(object.source(), IdempotencyKey.forCosObject(keyPrefix, object,
                object.eventTime()), null, () -> planner.forCosObject(object)), invocation.deadline());
    }
}
