package com.aigcaudio.submit;

import com.aigcaudio.idempotency.IdempotencyKey;
import com.aigcaudio.plan.Plan;

import java.util.function.Supplier;

/** One unit of work: how results name it, its idempotency key (null: no deduplication) and how to plan it. */
public final class WorkItem {
    private final String source;
    private final IdempotencyKey key;
    private final String payloadHash;
    private final Supplier<Plan> planning;
    private final String resultName;

    /** @param resultName the delivered soundtrack's name under the result prefix (a COS key), or null: by TaskId */
    public WorkItem(String source, IdempotencyKey key, String payloadHash, Supplier<Plan> planning, String resultName) {
        this.source = source;
        this.key = key;
        this.payloadHash = payloadHash;
        this.planning = planning;
        this.resultName = resultName;
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
