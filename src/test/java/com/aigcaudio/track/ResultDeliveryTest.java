package com.aigcaudio.track;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.store.MemoryObjectStore;
import com.aigcaudio.tencent.aigc.AudioTaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outputs already where the user wants them are recorded, not copied. */
class ResultDeliveryTest {
    private static final Deadline DEADLINE = Deadline.after(Clock.systemUTC(), Duration.ofSeconds(5));
    private final MemoryObjectStore results = new MemoryObjectStore();
    private final TrackingRecord record = TrackingRecord.created(
            new TrackedTask("t-1", "r", "cos://b-1/incoming/a.mp4", "incoming/a.mp4"), "vod", Instant.now(),
                    Instant.now());

    private static AudioTaskStatus done(AudioTaskStatus.AudioOutput output) {
        return AudioTaskStatus.done("t-1", List.of(output), null);
    }

    private ResultDelivery delivery(String mpsOutputBucket) {
        return new ResultDelivery(results, "results-1250000000", "soundtracks/", "mp3",
                new ResultDownload(new com.aigcaudio.transport.UrlConnectionTransport(Duration.ofSeconds(2)), 1024),
                        mpsOutputBucket);
    }

    @Test
    void vodPermanent_recordsTheFileIdAndUrl_copiesNothing() throws Exception {
        Soundtrack result = delivery(null).deliver(record, done(new AudioTaskStatus.AudioOutput(
                "https://vod.example/a.mp3", "5285890", "Permanent", "mp3", null)), DEADLINE);

        assertEquals("5285890", result.fileId());
        assertEquals("https://vod.example/a.mp3", result.url());
        assertTrue(results.list("", DEADLINE).isEmpty());
    }

    @Test
    void mpsWithStoreCosParam_recordsWhereMpsWroteIt_copiesNothing() throws Exception {
        Soundtrack result = delivery("videos-1250000000").deliver(record, done(new AudioTaskStatus.AudioOutput(
                "https://videos-1250000000.cos.ap-guangzhou.myqcloud.com/aigc-output/x.wav?sign=1", null, null, null,
                        6.0)),
                DEADLINE);

        assertEquals("videos-1250000000", result.bucket());
        assertEquals("aigc-output/x.wav", result.key());
        assertEquals(6.0, result.duration());
        assertTrue(results.list("", DEADLINE).isEmpty());
    }

    @Test
    void noResultStore_recordsTheServiceUrl() throws Exception {
        ResultDelivery none = new ResultDelivery(null, null, "soundtracks/", "mp3",
                new ResultDownload(new com.aigcaudio.transport.UrlConnectionTransport(Duration.ofSeconds(2)), 1024),
                        null);
        Soundtrack result = none.deliver(record, done(new AudioTaskStatus.AudioOutput(
                "https://mps.example/a.mp3", null, null, null, null)), DEADLINE);
        assertEquals("https://mps.example/a.mp3", result.url());
        assertNull(result.key());
    }
}
