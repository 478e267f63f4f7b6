package com.aigcaudio.idempotency;

import com.aigcaudio.aws.auth.AwsCredentials;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.store.CosObjectStore;
import com.aigcaudio.store.LocalObjectStore;
import com.aigcaudio.store.MemoryObjectStore;
import com.aigcaudio.store.S3ObjectStore;
import com.aigcaudio.store.StoreUnavailableException;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.testing.FakeCos;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.MutableClock;
import com.aigcaudio.testing.RealS3;
import com.aigcaudio.transport.UrlConnectionTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same contract for both stores: atomic claims, the state machine, expiry and takeover. */
class IdempotencyStoreContractTest {
    private final MutableClock clock = new MutableClock(Instant.now());
    /** Real time, so that the stores' request timeouts are capped by something that does not move with the test clock.
     * */
    private static final Deadline DEADLINE = Deadline.after(Clock.systemUTC(), Duration.ofMinutes(5));
    private FakeCos cos;
    @org.junit.jupiter.api.io.TempDir
    Path localDir;

    @AfterEach
    void stop() {
        if (cos != null) {
            cos.close();
        }
    }

    private IdempotencyStore store(String kind) {
        if (kind.equals("memory")) {
            return new ObjectIdempotencyStore(new MemoryObjectStore(clock), "markers/", clock);
        }
        if (kind.equals("local")) {
            return new ObjectIdempotencyStore(new LocalObjectStore(localDir), "markers/", clock);
        }
        if (kind.equals("s3")) {
            return new ObjectIdempotencyStore(new S3ObjectStore(RealS3.get().newBucket(), "eu-west-1",
                    () -> new AwsCredentials(RealS3.ACCESS_KEY, RealS3.SECRET_KEY, RealS3.TOKEN),
                    new UrlConnectionTransport(Duration.ofSeconds(2)), Clock.systemUTC()), "markers/", clock);
        }
        cos = new FakeCos();
        return new ObjectIdempotencyStore(new CosObjectStore(cos.endpoint(), "state-1250000000", "ap-guangzhou",
                CredentialsProvider.fixed(new Credentials(FakeTencentCloud.SECRET_ID, FakeTencentCloud.SECRET_KEY,
                        FakeTencentCloud.TOKEN)), new UrlConnectionTransport(Duration.ofSeconds(2))), "markers/",
                                clock);
    }

    private IdempotencyRecord inProgress(Duration window, Duration ttl) {
        Instant t = clock.instant();
        return IdempotencyRecord.claim(UUID.randomUUID().toString(), t.plus(window), t.plus(ttl), null,
                null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos", "s3"})
    void claim_newKey_isOwned_secondClaimSeesInProgress(String kind) {
        IdempotencyStore store = store(kind);
        assertTrue(store.claim("p:k1", inProgress(Duration.ofMinutes(1), Duration.ofDays(3)), DEADLINE).isOwned());
        Claim second = store.claim("p:k1", inProgress(Duration.ofMinutes(1), Duration.ofDays(3)), DEADLINE);
        assertFalse(second.isOwned());
        assertEquals(IdempotencyRecord.Status.IN_PROGRESS, second.existing().status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos", "s3"})
    void claim_afterCompleted_returnsTaskIdUntilTtl(String kind) {
        IdempotencyStore store = store(kind);
        IdempotencyRecord mine = inProgress(Duration.ofMinutes(1), Duration.ofDays(3));
        store.claim("p:k2", mine, DEADLINE);
        store.update("p:k2", mine.completed("task-9", "req-9"), DEADLINE);

        clock.set(clock.instant().plus(Duration.ofDays(2)));
        Claim again = store.claim("p:k2", inProgress(Duration.ofMinutes(1), Duration.ofDays(3)), DEADLINE);
        assertFalse(again.isOwned());
        assertEquals("task-9", again.existing().taskId());
        assertEquals("req-9", again.existing().requestId());

        clock.set(clock.instant().plus(Duration.ofDays(1).plusSeconds(1)));
        assertTrue(store.claim("p:k2", inProgress(Duration.ofMinutes(1), Duration.ofDays(3)), DEADLINE).isOwned(),
                "past TTL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos", "s3"})
    void release_letsTheNextClaimRun(String kind) {
        IdempotencyStore store = store(kind);
        IdempotencyRecord mine = inProgress(Duration.ofMinutes(1), Duration.ofDays(3));
        store.claim("p:k3", mine, DEADLINE);
        store.release("p:k3", mine, DEADLINE);
        assertTrue(store.claim("p:k3", inProgress(Duration.ofMinutes(1), Duration.ofDays(3)), DEADLINE).isOwned());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos", "s3"})
    void updateAndRelease_afterTakeover_leaveTheNewOwnersRecord(String kind) {
        IdempotencyStore store = store(kind);
        IdempotencyRecord slow = inProgress(Duration.ofSeconds(30), Duration.ofDays(3));
        store.claim("p:k6", slow, DEADLINE);
        clock.set(clock.instant().plusSeconds(31));
        IdempotencyRecord winner = inProgress(Duration.ofSeconds(30), Duration.ofDays(3));
        assertTrue(store.claim("p:k6", winner, DEADLINE).isOwned());

        assertThrows(ClaimLostException.class, () -> store.update("p:k6", slow.sending(), DEADLINE));
        store.release("p:k6", slow, DEADLINE);
        assertEquals(winner.claimId(), store.read("p:k6", DEADLINE).claimId());
        store.update("p:k6", winner.sending(), DEADLINE);
        assertEquals(IdempotencyRecord.Status.SENDING, store.read("p:k6", DEADLINE).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos", "s3"})
    void claim_expiredInProgress_isTakenOver_butUnknownOutcomeIsNot(String kind) {
        IdempotencyStore store = store(kind);
        store.claim("p:k4", inProgress(Duration.ofSeconds(30), Duration.ofDays(3)), DEADLINE);
        IdempotencyRecord unknown = inProgress(Duration.ofSeconds(30), Duration.ofDays(3));
        store.claim("p:k5", unknown, DEADLINE);
        store.update("p:k5", unknown.unknownOutcome("req-lost"), DEADLINE);

        clock.set(clock.instant().plusSeconds(31));

        assertTrue(store.claim("p:k4", inProgress(Duration.ofSeconds(30), Duration.ofDays(3)), DEADLINE).isOwned());
        Claim blocked = store.claim("p:k5", inProgress(Duration.ofSeconds(30), Duration.ofDays(3)), DEADLINE);
        assertFalse(blocked.isOwned());
        assertEquals(IdempotencyRecord.Status.UNKNOWN_OUTCOME, blocked.existing().status());
        assertEquals("req-lost", blocked.existing().requestId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos", "s3"})
    void claim_concurrentClaimants_exactlyOneOwns(String kind) throws Exception {
        IdempotencyStore store = store(kind);
        assertEquals(1, race(store, "p:k6"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos", "s3"})
    void claim_concurrentTakeoversOfExpiredClaim_exactlyOneOwns(String kind) throws Exception {
        IdempotencyStore store = store(kind);
        store.claim("p:k7", inProgress(Duration.ofSeconds(10), Duration.ofDays(3)), DEADLINE);
        clock.set(clock.instant().plusSeconds(11));
        assertEquals(1, race(store, "p:k7"));
    }

    private int race(IdempotencyStore store, String key) throws Exception {
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            Callable<Boolean> task = () -> {
                start.await();
                return store.claim(key, inProgress(Duration.ofMinutes(1), Duration.ofDays(3)), DEADLINE).isOwned();
            };
            results.add(pool.submit(task));
        }
        start.countDown();
        int owned = 0;
        for (Future<Boolean> f : results) {
            owned += f.get() ? 1 : 0;
        }
        pool.shutdown();
        return owned;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cos"})
    void cosStore_unavailable_throwsStoreUnavailable_andSignaturesAreValid(String kind) {
        IdempotencyStore store = store(kind);
        store.claim("p:k8", inProgress(Duration.ofMinutes(1), Duration.ofDays(3)), DEADLINE);
        assertEquals(0, cos.badSignatures());
        assertTrue(cos.objects().containsKey("/markers/p/k8.json"), cos.objects().keySet().toString());
        cos.setUnavailable(true);
        // Retried while the deadline allows, then given up.
        Deadline soon = Deadline.after(Clock.systemUTC(), Duration.ofSeconds(1));
        assertThrows(StoreUnavailableException.class,
                () -> store.claim("p:k9", inProgress(Duration.ofMinutes(1), Duration.ofDays(3)), soon));
    }
}
