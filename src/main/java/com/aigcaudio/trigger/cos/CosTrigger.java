package com.aigcaudio.trigger.cos;

import com.aigcaudio.core.ErrorClass;
import com.aigcaudio.core.Invocation;
import com.aigcaudio.core.InvocationResult;
import com.aigcaudio.core.Tally;
import com.aigcaudio.core.UploadedObject;
import com.aigcaudio.log.Logger;
import com.aigcaudio.plan.TaskPlanner;
import com.aigcaudio.submit.FailureCode;
import com.aigcaudio.submit.TaskOutcome;
import com.aigcaudio.submit.TaskSubmitter;
import com.aigcaudio.submit.WorkItem;
import com.aigcaudio.trigger.InvalidEventException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A COS notification: every record gets its own outcome. Records are submitted concurrently, up to the instance's
 * rate budget; once the time left cannot fit another record, the rest are left unclaimed (no store traffic) and
 * reported retryable. The invocation fails, after all records are done, only when some record failed in a way a
 * redelivery can fix, so that SCF retries it.
 */
public final class CosTrigger {
    /** The time one record needs (claim, mark, create, record) with room; less than this left, it is not started. */
    static final Duration RECORD_RESERVE = Duration.ofSeconds(2);
    private static final int MAX_PARALLEL = 8;

    private final TaskPlanner planner;
    private final TaskSubmitter submitter;
    private final int parallelism;

    /** @param parallelism how many records run at once (the per-instance requests per second, capped at 8) */
    public CosTrigger(TaskPlanner planner, TaskSubmitter submitter, int parallelism) {
        this.planner = planner;
        this.submitter = submitter;
        this.parallelism = Math.max(1, Math.min(MAX_PARALLEL, parallelism));
    }

    public InvocationResult handle(Map<?, ?> event, Invocation invocation) {
        List<?> raw = (List<?>) event.get("Records");
        List<Decoded> records = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            records.add(Decoded.of(raw.get(i), "Records[" + i + "]"));
        }
        TaskOutcome[] outcomes = new TaskOutcome[records.size()];
        List<List<Integer>> groups = sameUploadGroups(records);
        int workers = Math.min(parallelism, groups.size());
        if (workers <= 1) {
            drain(records, groups, outcomes, new AtomicInteger(), invocation);
        } else {
            runConcurrently(records, groups, outcomes, workers, invocation);
        }
        boolean retry = false;
        Tally tally = new Tally();
        for (TaskOutcome outcome : outcomes) {
            retry |= outcome.retryableFailure();
            outcome.countInto(tally);
        }
        return new InvocationResult(new RecordResults(outcomes), retry, tally);
    }

    /**
     * Record indices grouped by upload, in order of first appearance: one event can name the same upload twice,
     * and a group runs on one thread, so the second sees the first's task (a duplicate) rather than its claim.
     */
    private List<List<Integer>> sameUploadGroups(List<Decoded> records) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            UploadedObject object = records.get(i).object;
            String identity = object == null ? "malformed record " + i
                    : submitter.keyOf(UploadIdentity.of(object)).value();
            groups.computeIfAbsent(identity, k -> new ArrayList<>()).add(i);
        }
        return new ArrayList<>(groups.values());
    }

    private void runConcurrently(List<Decoded> records, List<List<Integer>> groups, TaskOutcome[] outcomes, int workers,
                                 Invocation invocation) {
        Map<String, Object> context = Logger.context();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, work -> {
            Thread thread = new Thread(work, "cos-record");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < workers; i++) {
            pool.execute(() -> {
                Logger.setContext(context);
                try {
                    drain(records, groups, outcomes, next, invocation);
                } finally {
                    Logger.clearContext();
                }
            });
        }
        pool.shutdown();
        try {
            // Every call inside is capped by the deadline, so the workers end by then; the margin covers the last
            // write.
            pool.awaitTermination(invocation.deadline().remaining().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                outcomes[i] = leftForRedelivery(records.get(i).source());
            }
        }
    }

    /** Takes groups in order until none is left; past the reserve, the rest are reported without being touched. */
    private void drain(List<Decoded> records, List<List<Integer>> groups, TaskOutcome[] outcomes, AtomicInteger next,
                       Invocation invocation) {
        for (int g = next.getAndIncrement(); g < groups.size(); g = next.getAndIncrement()) {
            for (int i : groups.get(g)) {
                outcomes[i] = invocation.deadline().remaining().compareTo(RECORD_RESERVE) < 0
                        ? leftForRedelivery(records.get(i).source()) : handleRecord(records.get(i), invocation);
            }
        }
    }

    private static TaskOutcome leftForRedelivery(String source) {
        return TaskOutcome.failed(source, new TaskOutcome.Failure(FailureCode.DEADLINE_REACHED.errorClass(),
                FailureCode.DEADLINE_REACHED.code(),
                "the invocation ran out of time before this record; it was not started", null, null),
                "not started; a redelivery will create it");
    }

    private TaskOutcome handleRecord(Decoded record, Invocation invocation) {
        UploadedObject object = record.object;
        if (object == null) {
            return TaskOutcome.failed(record.path, new TaskOutcome.Failure(ErrorClass.INVALID_REQUEST, "InvalidEvent",
                    record.problem, null, null), "the record is malformed");
        }
        return submitter.submit(new WorkItem(object.source(), submitter.keyOf(UploadIdentity.of(object)), null, ()
                -> planner.forCosObject(object), object.key(),
                Map.of("trigger", "cos", "event", Map.of("Records", List.of(record.raw)))), invocation.deadline());
    }

    /** One record, decoded once: the object, or why it is malformed. */
    private static final class Decoded {
        final Object raw;
        final String path;
        final UploadedObject object;
        final String problem;

        private Decoded(Object raw, String path, UploadedObject object, String problem) {
            this.raw = raw;
            this.path = path;
            this.object = object;
            this.problem = problem;
        }

        static Decoded of(Object record, String path) {
            try {
                UploadedObject object = record instanceof Map && ((Map<?, ?>) record).containsKey("s3")
                        ? S3EventDecoder.decode(record, path) : CosEventDecoder.decode(record, path);
                return new Decoded(record, path, object, null);
            } catch (InvalidEventException e) {
                return new Decoded(record, path, null, e.getMessage());
            }
        }

        String source() {
            return object == null ? path : object.source();
        }
    }

    /** The upload a recorded event ({@code {"Records": [record]}}) is about; InvalidEventException when none. */
    public static UploadedObject uploadIn(Map<?, ?> event) {
        List<?> raw = (List<?>) event.get("Records");
        Decoded decoded = Decoded.of(raw.get(0), "Records[0]");
        if (decoded.object == null) {
            throw new InvalidEventException(decoded.problem);
        }
        return decoded.object;
    }
}
