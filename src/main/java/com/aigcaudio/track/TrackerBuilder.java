package com.aigcaudio.track;

import com.aigcaudio.config.TrackingConfig;
import com.aigcaudio.core.Service;
import com.aigcaudio.idempotency.IdempotencyStore;
import com.aigcaudio.store.ObjectStore;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.transport.Transport;

import java.time.Clock;
import java.util.function.Supplier;

/** What a tracker works with; each part is set once, by the composition root. */
public final class TrackerBuilder {
    final TrackingConfig config;
    final Service service;
    final Clock clock;
    ObjectStore state;
    IdempotencyStore claims;
    Supplier<AigcAudioTasks> tasks = () -> null;
    Long subAppId;
    ObjectStore results;
    String resultBucket;
    String mpsOutputBucket;
    Transport http;

    TrackerBuilder(TrackingConfig config, Service service, Clock clock) {
        this.config = config;
        this.service = service;
        this.clock = clock;
    }

    /** Where tracking records live, and the claims that make each delivery and webhook attempt happen once. */
    public TrackerBuilder records(ObjectStore state, IdempotencyStore claims) {
        this.state = state;
        this.claims = claims;
        return this;
    }

    /** The API that answers for the tasks; VOD's SubAppId, or null. */
    public TrackerBuilder tasks(Supplier<AigcAudioTasks> tasks, Long subAppId) {
        this.tasks = tasks;
        this.subAppId = subAppId;
        return this;
    }

    /**
     * @param results where soundtracks are copied, or null to record the service's URL only
     * @param resultBucket how results name that store (the bucket, or "local")
     * @param mpsOutputBucket MPS StoreCosParam's bucket (MPS writes the file there itself), or null
     */
    public TrackerBuilder results(ObjectStore results, String resultBucket, String mpsOutputBucket) {
        this.results = results;
        this.resultBucket = resultBucket;
        this.mpsOutputBucket = mpsOutputBucket;
        return this;
    }

    /** The HTTP client for downloads and webhooks. */
    public TrackerBuilder transport(Transport http) {
        this.http = http;
        return this;
    }

    public Tracker build() {
        return new Tracker(this);
    }
}
