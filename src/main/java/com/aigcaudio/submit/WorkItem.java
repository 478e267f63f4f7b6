package com.aigcaudio.submit;

import com.aigcaudio.idempotency.IdempotencyKey;
import com.aigcaudio.plan.Plan;

import java.util.Map;
import java.util.function.Supplier;

/** One unit of work: how results name it, its idempotency key (null: no deduplication) and how to plan it. */
public final class WorkItem {
    private final String source;
    private final IdempotencyKey key;
    private final String payloadHash;
    private final Supplier<Plan> planning;
    private final String resultName;
    private final Map<String, Object> replay;

    /**
     * @param resultName the delivered soundtrack's name under the result prefix (a COS key), or null: by TaskId
     * @param replay     {trigger, event} from which a sweep can redo this work if its claim is orphaned, or null
     */
    public WorkItem(String source, IdempotencyKey key, String payloadHash, Supplier<Plan> planning, String resultName,
                    Map<String, Object> replay) {
        this.source = source;
        this.key = key;
        this.payloadHash = payloadHash;
        this.planning = planning;
        this.resultName = resultName;
        this.replay = replay;
    }

    public Map<String, Object> replay() {
        return replay;
    }

    public String resultName() {
        return resultName;
    }

    public String source() {
        return source;
    }

    public IdempotencyKey key() {
        return key;
    }

    /** Hash of the request a client key was used with, so reuse for other work is caught; null when not applicable. */
    public String payloadHash() {
        return payloadHash;
    }

    public Supplier<Plan> planning() {
        return planning;
    }
}
