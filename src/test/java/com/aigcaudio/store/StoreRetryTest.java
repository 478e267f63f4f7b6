package com.aigcaudio.store;

import com.aigcaudio.aws.auth.AwsCredentials;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.idempotency.Claim;
import com.aigcaudio.idempotency.IdempotencyRecord;
import com.aigcaudio.idempotency.ObjectIdempotencyStore;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.testing.FakeCos;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.RealS3;
import com.aigcaudio.transport.UrlConnectionTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a bucket says is transient is retried within the deadline, and a write whose answer was lost is resolved by
 * reading it back: on the COS fake (every signature checked) and on the real S3Mock server behind its verifying proxy.
 */
class StoreRetryTest {
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);
    private final FakeCos cos = new FakeCos();
    /** No real pauses where a test only counts attempts; the standard schedule where time matters. */
    private final List<Duration> pauses = new ArrayList<>();
    private final StoreRetry counted = new StoreRetry(6, Duration.ofMillis(100), Duration.ofMillis(400),
            Duration.ofSeconds(2), pauses::add);

    @AfterEach
    void stop() {
        cos.assertAllSignedAndClose();
    }

    private CosObjectStore cosStore() {
        return new CosObjectStore(cos.endpoint(), "state-1250000000", "ap-guangzhou", CredentialsProvider.fixed(
                Credentials.of(FakeTencentCloud.SECRET_ID, FakeTencentCloud.SECRET_KEY)),
                new UrlConnectionTransport(Duration.ofSeconds(2)));
    }

    private static S3ObjectStore s3Store(URI bucket) {
        return new S3ObjectStore(bucket, "eu-west-1", () -> new AwsCredentials(RealS3.ACCESS_KEY, RealS3.SECRET_KEY,
                RealS3.TOKEN), new UrlConnectionTransport(Duration.ofSeconds(2)), Clock.systemUTC());
    }

    private static Deadline seconds(long s) {
        return Deadline.after(Clock.systemUTC(), Duration.ofSeconds(s));
    }

    private static IdempotencyRecord claimRecord() {
        Instant now = Instant.now();
        return IdempotencyRecord.claim(UUID.randomUUID().toString(), now.plusSeconds(60),
                now.plusSeconds(3600), "hash", null);
    }

    @Test
    void cos_firstPutAnswers500_isRetriedAndStored() {
        cos.failPuts("{}", 1, 500);

        assertTrue(cosStore().withRetry(counted).put("a.json", ObjectStore.Body.of(BODY), "application/json", Map.of(),
                false, seconds(10)));

        assertEquals(2, cos.requests("PUT", "/a.json").size());
        assertEquals(1, pauses.size());
        assertTrue(pauses.get(0).toMillis() >= 50 && pauses.get(0).toMillis() <= 100, String.valueOf(pauses));
    }

    @Test
    void cos_firstGetAnswers500_isRetried() {
        CosObjectStore store = cosStore().withRetry(counted);
        store.put("a.json", ObjectStore.Body.of(BODY), "application/json", Map.of(), false, seconds(10));
        cos.failGets(1);

        assertArrayEquals(BODY, store.get("a.json", seconds(10)));
        assertEquals(2, cos.requests("GET", "/a.json").size());
    }

    @Test
    void cos_a503StormOfTwoSeconds_isOutlastedByTheStandardSchedule() {
        ObjectIdempotencyStore claims = new ObjectIdempotencyStore(cosStore(), "markers/", Clock.systemUTC());
        cos.unavailableFor(2_000);

        Claim claim = claims.claim("p:k", claimRecord(), seconds(20));

        assertTrue(claim.isOwned());
    }

    @Test
    void cos_persistent503_givesUpAfterSixAttempts_sayingSo() {
        cos.setUnavailable(true);

        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> cosStore().withRetry(counted).get("a.json", seconds(30)));

        assertEquals("COS GET answered HTTP 503 (6 attempts)", e.getMessage());
        assertEquals(5, pauses.size());
        assertTrue(pauses.get(4).toMillis() >= 1000 && pauses.get(4).toMillis() <= 2000, String.valueOf(pauses));
    }

    @Test
    void cos_retriesStopAtTheDeadline() {
        cos.setUnavailable(true);
        Deadline deadline = Deadline.after(Clock.systemUTC(), Duration.ofMillis(1500));

        assertThrows(StoreUnavailableException.class, () -> cosStore().get("a.json", deadline));

        assertFalse(Instant.now().isAfter(deadline.instant()), "nothing runs past the deadline");
    }

    @Test
    void cos_finalRefusal_isNotRetried() {
        cos.failPuts("{}", 1, 403);

        assertThrows(StoreUnavailableException.class, () -> cosStore().withRetry(counted).put("a.json",
                ObjectStore.Body.of(BODY), "application/json", Map.of(), false, seconds(10)));

        assertEquals(1, cos.requests("PUT", "/a.json").size());
    }

    @Test
    void cos_claimLandedButItsAnswerWasLost_isOwned_andNobodyElseOwnsIt() {
        ObjectIdempotencyStore claims = new ObjectIdempotencyStore(cosStore().withRetry(counted), "markers/",
                Clock.systemUTC());
        cos.loseAnswers("/markers/p/k.json", 1);

        Claim mine = claims.claim("p:k", claimRecord(), seconds(10));
        Claim other = claims.claim("p:k", claimRecord(), seconds(10));

        assertTrue(mine.isOwned(), "the retry met its own marker");
        assertFalse(other.isOwned());
        assertEquals(mine.owned().claimId(), other.existing().claimId());
    }

    @Test
    void cos_takeoverLandedButItsAnswerWasLost_isOwned() {
        ObjectIdempotencyStore claims = new ObjectIdempotencyStore(cosStore().withRetry(counted), "markers/",
                Clock.systemUTC());
        Instant past = Instant.now().minusSeconds(1);
        IdempotencyRecord expired = IdempotencyRecord.claim("dead-holder", past, past.plusSeconds(3600), "hash",
                null);
        claims.claim("p:k", expired, seconds(10));
        cos.loseAnswers(".takeover.dead-holder", 1);

        IdempotencyRecord next = claimRecord();
        Claim claim = claims.claim("p:k", next, seconds(10));

        assertTrue(claim.isOwned());
        assertEquals(next.claimId(), claims.read("p:k", seconds(10)).claimId());
    }

    @Test
    void s3_first503_isRetried() {
        URI bucket = RealS3.get().newBucket();
        String name = bucket.getPath();
        RealS3.get().failNext("PUT", name + "a.json", 1);

        assertTrue(s3Store(bucket).withRetry(counted).put("a.json", ObjectStore.Body.of(BODY), "application/json",
                Map.of(), true, seconds(10)));

        assertEquals(2, RealS3.get().requests(name + "a.json").size());
    }

    @Test
    void s3_claimLandedButItsAnswerWasLost_isOwned() {
        URI bucket = RealS3.get().newBucket();
        ObjectIdempotencyStore claims = new ObjectIdempotencyStore(s3Store(bucket).withRetry(counted), "markers/",
                Clock.systemUTC());
        RealS3.get().loseAnswers("PUT", bucket.getPath() + "markers/p/k.json", 1);

        assertTrue(claims.claim("p:k", claimRecord(), seconds(10)).isOwned());
        assertFalse(claims.claim("p:k", claimRecord(), seconds(10)).isOwned());
    }

    @Test
    void s3_conditionalUpdateLandedButItsAnswerWasLost_isNotAClaimLost() {
        URI bucket = RealS3.get().newBucket();
        ObjectIdempotencyStore claims = new ObjectIdempotencyStore(s3Store(bucket).withRetry(counted), "markers/",
                Clock.systemUTC());
        IdempotencyRecord mine = claimRecord();
        claims.claim("p:k", mine, seconds(10));
        RealS3.get().loseAnswers("PUT", bucket.getPath() + "markers/p/k.json", 1);

        claims.update("p:k", mine.sending(), seconds(10));

        assertEquals(IdempotencyRecord.Status.SENDING, claims.read("p:k", seconds(10)).status());
        assertEquals(List.of(), RealS3.get().problems(), "every S3 request signed correctly");
    }

    @Test
    void pause_isHalfFixedHalfRandom_growingToTheCap() {
        for (int i = 0; i < 200; i++) {
            long first = counted.pause(false, 1).toMillis();
            long throttledThird = counted.pause(true, 3).toMillis();
            long capped = counted.pause(true, 10).toMillis();
            assertTrue(first >= 50 && first <= 100, String.valueOf(first));
            assertTrue(throttledThird >= 800 && throttledThird <= 1600, String.valueOf(throttledThird));
            assertTrue(capped >= 1000 && capped <= 2000, String.valueOf(capped));
        }
    }
}
