package com.aigcaudio.store;

import com.aigcaudio.aws.auth.AwsCredentials;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.testing.FakeCos;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.IndependentSigV4Verifier;
import com.aigcaudio.testing.MutableClock;
import com.aigcaudio.testing.RealS3;
import com.aigcaudio.transport.UrlConnectionTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One contract for the stores: COS (FakeCos checks every signature and pages listings by 2), S3 (the real S3Mock
 * server behind a proxy that checks every SigV4 signature), a directory, memory.
 */
class ObjectStoreContractTest {
    private static final Deadline DEADLINE = Deadline.after(Clock.systemUTC(), Duration.ofMinutes(1));
    @TempDir
    Path dir;
    /** The clock of the stores that take one (memory, the COS fake): a test moves it instead of waiting. */
    private final MutableClock bucketClock = new MutableClock(Instant.now());
    private FakeCos cos;
    private boolean usedS3;

    @AfterEach
    void stop() {
        if (usedS3) {
            assertEquals(List.of(), RealS3.get().problems(), "every S3 request signed correctly");
        }
        if (cos != null) {
            assertEquals(0, cos.badSignatures(), "every COS request signed correctly");
            cos.close();
        }
    }

    private ObjectStore store(String kind) {
        switch (kind) {
            case "cos":
                cos = new FakeCos(bucketClock);
                return new CosObjectStore(cos.endpoint(), "state-1250000000", "ap-guangzhou", CredentialsProvider.fixed(
                        new Credentials(FakeTencentCloud.SECRET_ID, FakeTencentCloud.SECRET_KEY,
                                FakeTencentCloud.TOKEN)),
                        new UrlConnectionTransport(Duration.ofSeconds(2)));
            case "s3":
                usedS3 = true;
                return new S3ObjectStore(RealS3.get().newBucket(), "eu-west-1", () -> new AwsCredentials(
                        RealS3.ACCESS_KEY, RealS3.SECRET_KEY, RealS3.TOKEN), new UrlConnectionTransport(
                                Duration.ofSeconds(2)),
                        Clock.systemUTC());
            case "local":
                return new LocalObjectStore(dir.resolve("state"));
            default:
                return new MemoryObjectStore(bucketClock);
        }
    }

    private static ObjectStore.Body text(String s) {
        return ObjectStore.Body.of(s.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos", "s3"})
    void putGetDelete_roundTrip_withNonAsciiKey(String kind) {
        ObjectStore store = store(kind);
        String key = "soundtracks/春节 烟花+fireworks 100%!.mp3";

        assertTrue(store.put(key, text("audio"), "audio/mpeg", Map.of("source", "cos://b/春节.mp4"), false, DEADLINE));
        assertArrayEquals("audio".getBytes(StandardCharsets.UTF_8), store.get(key, DEADLINE));
        store.delete(key, DEADLINE);
        assertNull(store.get(key, DEADLINE));
        store.delete(key, DEADLINE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos", "s3"})
    void put_forbidOverwrite_refusesAnExistingObject(String kind) {
        ObjectStore store = store(kind);

        assertTrue(store.put("claims/a.json", text("first"), "application/json", Map.of(), true, DEADLINE));
        assertFalse(store.put("claims/a.json", text("second"), "application/json", Map.of(), true, DEADLINE));
        assertEquals("first", new String(store.get("claims/a.json", DEADLINE), StandardCharsets.UTF_8));
        assertTrue(store.put("claims/a.json", text("third"), "application/json", Map.of(), false, DEADLINE));
        assertEquals("third", new String(store.get("claims/a.json", DEADLINE), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos", "s3"})
    void list_prefix_returnsEveryKeyAcrossPages(String kind) {
        ObjectStore store = store(kind);
        for (String key : List.of("track/1.json", "track/2.json", "track/3.json", "track/4.json", "track/5.json",
                "other/x.json")) {
            store.put(key, text("{}"), "application/json", Map.of(), false, DEADLINE);
        }

        assertEquals(List.of("track/1.json", "track/2.json", "track/3.json", "track/4.json", "track/5.json"),
                store.list("track/", DEADLINE));
        assertEquals(List.of(), store.list("none/", DEADLINE));
    }

    /** The sweep's cursor relies on this: a rewrite moves an object's LastModified, by the store's clock. */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos", "s3"})
    void entries_carryWhenEachObjectWasLastWritten(String kind) {
        ObjectStore store = store(kind);
        Instant before = Instant.now().minusSeconds(5);
        store.put("claims/a.json", text("1"), "application/json", Map.of(), false, DEADLINE);
        store.put("claims/b.json", text("1"), "application/json", Map.of(), false, DEADLINE);
        Instant first = store.entries("claims/", DEADLINE).get(0).lastModified();
        // Memory and the COS fake stamp by the test's clock; a directory and S3Mock by their own, which a test
        // cannot move: there a rewrite must not go back in time, which is what the sweep's cursor relies on.
        bucketClock.advance(Duration.ofSeconds(2));
        store.put("claims/a.json", text("2"), "application/json", Map.of(), false, DEADLINE);

        List<ObjectStore.Listed> entries = store.entries("claims/", DEADLINE);
        assertEquals(List.of("claims/a.json", "claims/b.json"),
                List.of(entries.get(0).key(), entries.get(1).key()));
        assertTrue(first.isAfter(before) && first.isBefore(Instant.now().plusSeconds(5)), first.toString());
        Instant rewritten = entries.get(0).lastModified();
        if (kind.equals("memory") || kind.equals("cos")) {
            assertTrue(rewritten.isAfter(first), rewritten + " after " + first);
        } else {
            assertFalse(rewritten.isBefore(first), rewritten + " not before " + first);
        }
        assertFalse(entries.get(1).lastModified().isAfter(rewritten));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos", "s3"})
    void put_fileBody_storesTheFile(String kind) throws Exception {
        ObjectStore store = store(kind);
        Path file = Files.write(dir.resolve("tone.wav"), new byte[] {1, 2, 3, 4});

        store.put("results/tone.wav", ObjectStore.Body.of(file), "audio/wav", Map.of(), false, DEADLINE);

        assertArrayEquals(new byte[] {1, 2, 3, 4}, store.get("results/tone.wav", DEADLINE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "s3"})
    void replace_etagStillCurrent_writesAndGivesANewEtag(String kind) {
        ObjectStore store = store(kind);
        store.put("claims/a.json", text("v1"), "application/json", Map.of(), true, DEADLINE);
        ObjectStore.Stored v1 = store.read("claims/a.json", DEADLINE);

        assertTrue(store.replace("claims/a.json", text("v2"), "application/json", v1.etag(), DEADLINE));
        ObjectStore.Stored v2 = store.read("claims/a.json", DEADLINE);
        assertEquals("v2", new String(v2.bytes(), StandardCharsets.UTF_8));
        assertFalse(v1.etag().equals(v2.etag()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "s3"})
    void replace_objectChangedOrGone_refuses(String kind) {
        ObjectStore store = store(kind);
        store.put("claims/b.json", text("mine"), "application/json", Map.of(), true, DEADLINE);
        String mine = store.read("claims/b.json", DEADLINE).etag();
        store.put("claims/b.json", text("theirs"), "application/json", Map.of(), false, DEADLINE);

        assertFalse(store.replace("claims/b.json", text("late"), "application/json", mine, DEADLINE));
        assertFalse(store.delete("claims/b.json", mine, DEADLINE));
        assertEquals("theirs", new String(store.get("claims/b.json", DEADLINE), StandardCharsets.UTF_8));
        assertFalse(store.replace("claims/none.json", text("x"), "application/json", mine, DEADLINE));
        assertNull(store.get("claims/none.json", DEADLINE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "s3"})
    void deleteIfMatch_current_deletesAndMissingIsDone(String kind) {
        ObjectStore store = store(kind);
        store.put("claims/c.json", text("x"), "application/json", Map.of(), true, DEADLINE);
        String etag = store.read("claims/c.json", DEADLINE).etag();

        assertTrue(store.delete("claims/c.json", etag, DEADLINE));
        assertNull(store.read("claims/c.json", DEADLINE));
        assertTrue(store.delete("claims/c.json", etag, DEADLINE));
    }

    @Test
    void s3_presignedUrl_fetchesTheObject() throws Exception {
        usedS3 = true;
        URI bucket = RealS3.get().newBucket();
        S3ObjectStore store = new S3ObjectStore(bucket, "eu-west-1", () -> new AwsCredentials(RealS3.ACCESS_KEY,
                RealS3.SECRET_KEY, RealS3.TOKEN), new UrlConnectionTransport(Duration.ofSeconds(2)), Clock.systemUTC());
        store.put("results/春 1.wav", text("RIFF"), "audio/wav", Map.of(), false, DEADLINE);
        URI url = store.url("results/春 1.wav", Duration.ofMinutes(5));

        assertNull(new IndependentSigV4Verifier(RealS3.ACCESS_KEY, RealS3.SECRET_KEY, RealS3.TOKEN)
                .presignedProblem(url, System.currentTimeMillis() / 1000), url.toString());
        HttpResponse<String> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(RealS3.get().direct(bucket) + url.getRawPath().substring(bucket.getRawPath().length())
                        + "?" + url.getRawQuery())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, got.statusCode());
        assertEquals("RIFF", got.body());
    }

    @Test
    void cos_noTimeLeft_sendsNothing() {
        ObjectStore store = store("cos");
        Deadline past = Deadline.after(Clock.systemUTC(), Duration.ZERO);
        assertThrows(StoreUnavailableException.class, () -> store.get("k", past));
    }

    /** A capped read reads no more than the cap: the object's size decides before its bytes are read. */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "local", "cos", "s3"})
    void getAtMost_readsUpToTheCap_andRefusesWhatIsLarger(String kind) {
        ObjectStore store = store(kind);
        byte[] big = new byte[300_000];
        store.put("big.mp3", ObjectStore.Body.of(big), "audio/mpeg", Map.of(), false, DEADLINE);
        store.put("small.mp3", text("abc"), "audio/mpeg", Map.of(), false, DEADLINE);
        store.put("exact.mp3", ObjectStore.Body.of(new byte[1000]), "audio/mpeg", Map.of(), false, DEADLINE);

        assertEquals("abc", new String(store.getAtMost("small.mp3", 1000, DEADLINE), StandardCharsets.UTF_8));
        assertEquals(1000, store.getAtMost("exact.mp3", 1000, DEADLINE).length);
        ObjectTooLargeException e = assertThrows(ObjectTooLargeException.class,
                () -> store.getAtMost("big.mp3", 1000, DEADLINE));
        assertEquals(300_000, e.size());
        assertNull(store.getAtMost("missing.mp3", 1000, DEADLINE));
    }

    @Test
    void cos_getAtMost_asksForARange_soTheAnswerNeverCarriesMore() {
        ObjectStore store = store("cos");
        store.put("big.mp3", ObjectStore.Body.of(new byte[2_000_000]), "audio/mpeg", Map.of(), false, DEADLINE);
        long before = cos.servedBytes();

        assertThrows(ObjectTooLargeException.class, () -> store.getAtMost("big.mp3", 4096, DEADLINE));

        assertEquals(4097, cos.servedBytes() - before, "one byte past the cap, no more");
    }

    /** Names are encoded by us: a segment of dots is a name like any other, never a step out of the root. */
    @Test
    void local_keyOfDots_staysInsideTheRoot() throws Exception {
        ObjectStore store = store("local");
        store.put("../escape", text("x"), "text/plain", Map.of(), false, DEADLINE);

        assertEquals("x", new String(store.get("../escape", DEADLINE), StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir.resolve("escape")), "nothing written outside the root");
        assertEquals(List.of("../escape"), store.entries("", DEADLINE).stream().map(ObjectStore.Listed::key)
                .filter(k -> k.contains("escape")).collect(Collectors.toList()));
    }

    /** Any characters, whatever the platform's file-name encoding: the names on disk are ASCII. */
    @Test
    void local_nonAsciiKeys_roundTrip_andListAsWritten() throws Exception {
        ObjectStore store = store("local");
        List<String> keys = List.of("incoming/été 春节 🎆.mp4", "incoming/100% done+more.mp4", "a/%2F/b");
        for (String key : keys) {
            store.put(key, text(key), "text/plain", Map.of(), true, DEADLINE);
        }
        for (String key : keys) {
            assertEquals(key, new String(store.get(key, DEADLINE), StandardCharsets.UTF_8));
        }
        assertEquals(new TreeSet<>(keys), store.entries("", DEADLINE).stream().map(ObjectStore.Listed::key)
                .collect(Collectors.toCollection(TreeSet::new)));
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.allMatch(p -> p.toString().chars().allMatch(c -> c < 128)), "ASCII names only");
        }
    }
}
