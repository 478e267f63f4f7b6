package com.aigcaudio.platform.cli;

import com.aigcaudio.config.Settings;
import com.aigcaudio.json.Json;
import com.aigcaudio.testing.FakeCos;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.FunctionHarness;
import com.aigcaudio.testing.RealS3;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.aigcaudio.testing.FakeTencentCloud.json;
import static com.aigcaudio.testing.FakeTencentCloud.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code state} on the directory store, the COS fake and S3Mock: an upload whose answer was lost (an unknown
 * outcome) and a jingle that was created, then each subcommand; resolving never leads to a second task, even with
 * a redelivery racing {@code state retry}.
 */
class StateCommandTest {
    private static final String ACTION = "CreateAigcAudioTask";
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final FakeCos cos = new FakeCos();
    private final Map<String, String> env = FunctionHarness.fixtureEnv(vod);
    private final Map<String, Object> upload = FunctionHarness.load(Path.of("events/cos-video-upload.json"));
    @TempDir
    Path dir;

    @AfterEach
    void tearDown() {
        vod.assertAllSignedAndClose();
        cos.assertAllSignedAndClose();
    }

    /** Points the function and the command at one store; credentials in the environment, as the command reads. */
    private void store(String kind) {
        env.put("TENCENTCLOUD_SECRET_ID", FakeTencentCloud.SECRET_ID);
        env.put("TENCENTCLOUD_SECRET_KEY", FakeTencentCloud.SECRET_KEY);
        env.put("AIGC_RESULTS", "none");
        if (kind.equals("file")) {
            env.put("AIGC_STATE", "file:" + dir);
        } else if (kind.equals("cos")) {
            env.put("AIGC_STATE", "cos://state-1250000000.ap-guangzhou/ops/");
            env.put("AIGC_COS_ENDPOINT", cos.endpoint().toString());
        } else {
            URI bucket = RealS3.get().newBucket();
            env.put("AIGC_STATE", "s3://" + bucket.getPath().replaceAll("/", "") + "/ops/");
            env.put("AIGC_S3_ENDPOINT", "http://" + bucket.getHost() + ":" + bucket.getPort() + "/");
            env.put("AWS_REGION", "eu-west-1");
            env.put("AWS_ACCESS_KEY_ID", RealS3.ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", RealS3.SECRET_KEY);
            env.put("AWS_SESSION_TOKEN", RealS3.TOKEN);
        }
    }

    /** An upload whose create answer was lost, and a jingle created as "task-jingle". */
    private void unknownUploadAndCreatedJingle() {
        vod.stub(vod.action(ACTION).willReturn(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        new FunctionHarness(env).invoke(upload);
        vod.reset();
        vod.stub(vod.action(ACTION).willReturn(json(success("task-jingle", "r-j"))));
        new FunctionHarness(env).invoke(FunctionHarness.load(Path.of("events/timer-json-message.json")));
        vod.reset();
        vod.stub(vod.action(ACTION).willReturn(json(success("task-retried", "r-r"))));
    }

    /** CreateAigcAudioTask requests the fake answered: the paid ones (status queries are free). */
    private long creates() {
        return vod.requests().stream().filter(r -> ACTION.equals(r.getHeader("X-TC-Action"))).count();
    }

    /** The service knows every task the test names (a status query answers PROCESSING). */
    private void serviceKnowsTheTasks() {
        vod.stub(vod.action("DescribeTaskDetail").willReturn(json("{\"Response\":{\"TaskType\":\"AigcAudioTask\","
                + "\"Status\":\"PROCESSING\",\"RequestId\":\"r-d\"}}")));
    }

    private static final class Run {
        final int status;
        final String out;
        final String err;

        Run(int status, String out, String err) {
            this.status = status;
            this.out = out;
            this.err = err;
        }

        Object json() {
            return Json.parse(out);
        }
    }

    private Run state(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "state";
        System.arraycopy(args, 0, all, 1, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> copy = new HashMap<>(env);
        int status = StateCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new Settings(copy::get), Clock.systemUTC());
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String unknownKey() {
        List<?> rows = (List<?>) state("list", "--status", "unknown", "--json").json();
        assertEquals(1, rows.size(), String.valueOf(rows));
        return (String) ((Map<?, ?>) rows.get(0)).get("key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "cos", "s3"})
    void summaryListAndShow_sayWhatTheStoreHolds(String kind) {
        store(kind);
        unknownUploadAndCreatedJingle();

        Map<?, ?> summary = (Map<?, ?>) state("--json").json();
        Map<?, ?> counts = (Map<?, ?>) summary.get("counts");
        assertEquals(1, ((Number) counts.get("unknown")).intValue(), summary.toString());
        assertEquals(1, ((Number) counts.get("waiting")).intValue(), summary.toString());
        assertEquals(0, ((Number) counts.get("orphaned")).intValue());
        Run text = state();
        assertEquals(0, text.status, text.err);
        assertTrue(text.out.contains("unknown 1") && text.out.contains("waiting 1"), text.out);

        String key = unknownKey();
        assertEquals(2, ((List<?>) state("list", "--since", "1h", "--json").json()).size());
        assertEquals(1, ((List<?>) state("list", "--limit", "1", "--json").json()).size());
        Run lines = state("list");
        assertTrue(lines.out.contains("task-jingle") && lines.out.contains("key " + key), lines.out);

        Run claim = state("show", key);
        assertEquals(0, claim.status, claim.err);
        assertEquals("UNKNOWN_OUTCOME", ((Map<?, ?>) claim.json()).get("status"));
        Run task = state("show", "task-jingle");
        assertEquals("PENDING", ((Map<?, ?>) task.json()).get("state"));
        assertEquals(2, state("show", "no-such-task").status);
        Run traversal = state("show", "../../../etc/passwd");
        assertEquals(2, traversal.status, "a bad argument, not a store failure: " + traversal.err);
        assertEquals(2, state("list", "--status", "lost").status);
        assertEquals(2, state("list", "--since", "soon").status);
        assertEquals(2, state("frobnicate").status);
        assertTrue(state("--help").out.contains("state resolve KEY --task-id T"));
    }

    /** A truncated, empty or later-version record is one line on stderr; every other record is still shown. */
    @Test
    void unreadableRecords_areOneLineEach_andTheRestAreShown() throws Exception {
        store("file");
        unknownUploadAndCreatedJingle();
        Path open;
        Path claim;
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.filter(Files::isRegularFile).collect(Collectors.toList());
            open = all.stream().filter(p -> p.toString().contains("aigc-tracking/open/")).findFirst().orElseThrow();
            claim = all.stream().filter(p -> p.toString().contains("aigc-idempotency/")).findFirst().orElseThrow();
        }
        String record = Files.readString(open);
        Files.writeString(open.resolveSibling("000-AigcAudioTask-future.json"), record
                .replaceFirst("\"state\":\"[A-Z]+\"", "\"state\":\"CANCELLED\"")
                .replaceFirst("\"taskId\":\"[^\"]+\"", "\"taskId\":\"000-AigcAudioTask-future\""));
        Files.writeString(claim.resolveSibling("truncated-claim.json"), Files.readString(claim).substring(0, 20));
        Files.writeString(claim.resolveSibling("empty-claim.json"), "");

        Run summary = state();
        assertEquals(0, summary.status, summary.err);
        assertTrue(summary.out.contains("unknown 1") && summary.out.contains("waiting 1"), summary.out);
        assertEquals(3, summary.err.lines().filter(line -> line.startsWith("unreadable ")).count(), summary.err);
        assertTrue(summary.err.contains("000-AigcAudioTask-future") && summary.err.contains("truncated-claim"),
                summary.err);
        Run list = state("list");
        assertEquals(0, list.status, list.err);
        assertTrue(list.out.contains("task-jingle"), list.out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "cos", "s3"})
    void resolveNotCreated_thenRetryRacingARedelivery_createsOneTask(String kind) throws Exception {
        store(kind);
        unknownUploadAndCreatedJingle();
        String key = unknownKey();
        assertEquals(2, state("retry", key).status, "an unknown outcome is never retried blindly");
        assertEquals(2, state("resolve", key).status, "needs --task-id or --not-created");

        Run unconfirmed = state("resolve", key, "--not-created");
        assertEquals(2, unconfirmed.status, "what a wrong answer costs is said, and --yes asked for");
        assertTrue(unconfirmed.err.contains("second paid task") && unconfirmed.err.contains("--yes"), unconfirmed.err);
        Run resolved = state("resolve", key, "--not-created", "--yes");
        assertEquals(0, resolved.status, resolved.err);
        assertEquals(1, ((List<?>) state("list", "--status", "orphaned", "--json").json()).size());

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<Run> retry = pool.submit(() -> {
                start.await();
                return state("retry", key);
            });
            Future<?> redelivery = pool.submit(() -> {
                start.await();
                return new FunctionHarness(env).invoke(upload);
            });
            start.countDown();
            Run retried = retry.get(60, TimeUnit.SECONDS);
            redelivery.get(60, TimeUnit.SECONDS);
            // First, it creates the task (0). Second, it finds the redelivery's claim: in progress when the function
            // runs (its answer says InProgress), in progress before the retry reads it (refused, 2), completed (2),
            // or, on COS, none for the instant the redelivery takes the orphaned claim over (refused, 2).
            assertTrue(retried.status == 0 || retried.out.contains("InProgress")
                    || retried.status == 2 && (retried.err.contains("is in progress") || retried.err.contains(
                            "completed") || retried.err.contains("no claim")),
                    retried.status + " " + retried.out + retried.err);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, creates(), "one task for the upload, whoever got there first");
        Run again = state("resolve", key, "--task-id", "task-other");
        assertEquals(2, again.status, "a completed claim is not resolved: " + again.out);
        assertTrue(again.err.contains("completed with task task-retried"), again.err);
    }

    /**
     * With the Lambda's variables (S3 state) but no Tencent key in the shell, nothing that may create a task runs
     * on the emulator: the real task would never be created. Exit 2, naming what was looked for.
     */
    @Test
    void retryWithACloudStoreAndNoTencentKey_refusesTheEmulator() throws Exception {
        store("s3");
        unknownUploadAndCreatedJingle();
        String key = unknownKey();
        assertEquals(0, state("resolve", key, "--not-created", "--yes").status);
        env.remove("TENCENTCLOUD_SECRET_ID");
        env.remove("TENCENTCLOUD_SECRET_KEY");
        env.remove("AIGC_ENDPOINT");

        Run retried = state("retry", key);

        assertEquals(2, retried.status, retried.out + retried.err);
        assertTrue(retried.err.contains("AIGC_TENCENT_SECRET_ARN") && retried.err.contains("emulator"), retried.err);
        assertEquals(1, ((List<?>) state("list", "--status", "orphaned", "--json").json()).size(), "nothing recorded");
        assertEquals(0, creates());
    }

    /** On COS without any credentials: one sentence and exit 2, never a stack trace. */
    @Test
    void cosStoreWithoutCredentials_isOneSentence() {
        store("cos");
        env.remove("TENCENTCLOUD_SECRET_ID");
        env.remove("TENCENTCLOUD_SECRET_KEY");

        Run summary = state();

        assertEquals(2, summary.status, summary.err);
        assertTrue(summary.err.contains("credentials"), summary.err);
        assertFalse(summary.err.contains("\tat ") || summary.err.contains("Exception"), summary.err);
    }

    /** A made-up task id would leave the upload waiting 72 h for nothing: the service is asked first. */
    @Test
    void resolveWithATaskIdTheServiceDoesNotKnow_isRefused() {
        store("file");
        unknownUploadAndCreatedJingle();
        String key = unknownKey();
        vod.stub(vod.action("DescribeTaskDetail").willReturn(json(FakeTencentCloud.error("ResourceNotFound",
                "no such task", "r-n"))));

        Run refused = state("resolve", key, "--task-id", "251441341-AigcAudioTask-madeup");

        assertEquals(2, refused.status, refused.out);
        assertTrue(refused.err.contains("knows no task"), refused.err);
        assertEquals(1, ((List<?>) state("list", "--status", "unknown", "--json").json()).size(), "still unknown");
    }

    /** Another upload's task id would track that task twice and leave this upload without one: refused. */
    @Test
    void resolveWithATaskIdAnotherRecordTracks_isRefused() {
        store("file");
        unknownUploadAndCreatedJingle();
        String key = unknownKey();

        serviceKnowsTheTasks();
        Run refused = state("resolve", key, "--task-id", "task-jingle");

        assertEquals(2, refused.status, refused.out);
        assertTrue(refused.err.contains("already tracked"), refused.err);
        assertEquals(1, ((List<?>) state("list", "--status", "unknown", "--json").json()).size(), "still unknown");
    }

    /** Two terminals resolve one claim at once, with opposite answers: exactly one wins, at most one task follows. */
    @ParameterizedTest
    @ValueSource(strings = {"file", "cos", "s3"})
    void twoOperatorsResolvingOneClaim_exactlyOneWins(String kind) throws Exception {
        store(kind);
        unknownUploadAndCreatedJingle();
        String key = unknownKey();
        serviceKnowsTheTasks();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Run exists;
        Run notCreated;
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<Run> a = pool.submit(() -> {
                start.await();
                return state("resolve", key, "--task-id", "task-by-operator-a");
            });
            Future<Run> b = pool.submit(() -> {
                start.await();
                return state("resolve", key, "--not-created", "--yes");
            });
            start.countDown();
            exists = a.get(60, TimeUnit.SECONDS);
            notCreated = b.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, (exists.status == 0 ? 1 : 0) + (notCreated.status == 0 ? 1 : 0),
                "exactly one wins: " + exists.status + " " + exists.err + " / " + notCreated.status + " "
                        + notCreated.err);
        Run loser = exists.status == 0 ? notCreated : exists;
        assertEquals(2, loser.status, loser.err);
        boolean trackedByHand = !((List<?>) state("list", "--status", "waiting", "--json").json()).stream()
                .filter(row -> String.valueOf(row).contains("task-by-operator-a")).findAny().isEmpty();
        assertEquals(exists.status == 0, trackedByHand, "the tracking record follows the winner only");
        new FunctionHarness(env).invoke(upload);
        assertEquals(exists.status == 0 ? 0 : 1, creates(),
                "a redelivery creates the task only when the winner said it was never created");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "cos"})
    void resolveTaskExists_recordsItAndARedeliveryIsADuplicate(String kind) {
        store(kind);
        unknownUploadAndCreatedJingle();
        String key = unknownKey();

        serviceKnowsTheTasks();
        Run resolved = state("resolve", key, "--task-id", "task-found-by-hand");
        assertEquals(0, resolved.status, resolved.err);

        List<?> waiting = (List<?>) state("list", "--status", "waiting", "--json").json();
        List<String> sources = new ArrayList<>();
        for (Object row : waiting) {
            sources.add(((Map<?, ?>) row).get("taskId") + " " + ((Map<?, ?>) row).get("source"));
        }
        assertTrue(sources.contains("task-found-by-hand cos://videos-1250000000/incoming/holiday.mp4"),
                String.valueOf(sources));
        FunctionHarness.Outcome again = new FunctionHarness(env).invoke(upload);
        assertTrue(Json.toString(again.result).contains("task-found-by-hand"), Json.toString(again.result));
        assertEquals(0, creates(), "no second paid task");
        assertFalse(state("resolve", key, "--not-created", "--yes").status == 0, "no longer unknown");
    }
}
