package com.aigcaudio.tencent.client;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.Service;
import com.aigcaudio.core.Sleeper;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.tencent.aigc.VodAudioTask;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.testing.FakeTencentCloud;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    @Test
    void acquire_moreThanLimit_spacesGrantsSoNoWindowExceedsIt() throws Exception {
        AtomicLong now = new AtomicLong(0);
        List<Long> grants = new ArrayList<>();
        RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(1), now::get, d -> now.addAndGet(d.toNanos()));
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.acquire(Duration.ofSeconds(60)));
            grants.add(now.get());
        }
        for (int i = 3; i < grants.size(); i++) {
            assertTrue(grants.get(i) - grants.get(i - 3) >= 1_000_000_000L, "window at grant " + i);
        }
        assertEquals(0, grants.get(2), "the first burst goes at once");
    }

    @Test
    void acquire_slotBeyondMaxWait_isRefusedWithoutTakingAPermit() throws Exception {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(1), now::get, d -> now.addAndGet(d.toNanos()));
        assertTrue(limiter.acquire(Duration.ZERO));
        assertFalse(limiter.acquire(Duration.ofMillis(500)));
        assertTrue(limiter.acquire(Duration.ofMillis(1000)), "the refused call did not consume the next slot");
    }

    /**
     * 17 concurrent creates through the real client and a real server: every one arrives, and the limiter's grants
     * (recorded where they are made, so transit jitter cannot blur them) never put more than 5 in any 1 s window.
     * Each slot is reserved before its wait, so the injected sleeper records the grant instead of sleeping.
     */
    @Test
    void create_manyConcurrentSubmits_neverExceedLimitInAnyOneSecondWindow() throws Exception {
        int limit = 5;
        int submits = 17;
        ThreadLocal<Long> asked = new ThreadLocal<>();
        List<Long> granted = Collections.synchronizedList(new ArrayList<>());
        RateLimiter limiter = new RateLimiter(limit, Duration.ofMillis(1050), () -> {
            long t = System.nanoTime();
            asked.set(t);
            return t;
        }, pause -> granted.add(asked.get() + pause.toNanos()));
        try (FakeTencentCloud vod = new FakeTencentCloud("vod")) {
            vod.stub(vod.action("CreateAigcAudioTask").willReturn(FakeTencentCloud.json(FakeTencentCloud.success("t",
                    "r"))));
            ClientConfig config = ClientConfig.builder(Service.VOD).endpoint(vod.endpoint()).requestsPerSecond(limit)
                    .build();
            AigcAudioTasks tasks = new AigcAudioTasks(new TencentCloudClient(config, CredentialsProvider.fixed(
                    Credentials.of(FakeTencentCloud.SECRET_ID, FakeTencentCloud.SECRET_KEY)), Clock.systemUTC(),
                    Sleeper.SYSTEM, limiter));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < submits; i++) {
                futures.add(pool.submit(() -> tasks.create(VodAudioTask.builder().prompt("p").build(),
                        Deadline.after(Clock.systemUTC(), Duration.ofSeconds(30)))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            assertEquals(submits, vod.requests().size());
            List<Long> grants = new ArrayList<>(granted);
            Collections.sort(grants);
            assertEquals(submits, grants.size());
            for (int i = limit; i < grants.size(); i++) {
                long span = grants.get(i) - grants.get(i - limit);
                assertTrue(span >= 1_000_000_000L, "grants " + (i - limit) + ".." + i + " within " + span / 1_000_000
                        + " ms");
            }
            vod.assertAllSigned();
        }
    }
}
