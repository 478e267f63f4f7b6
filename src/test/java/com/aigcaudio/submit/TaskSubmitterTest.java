package com.aigcaudio.submit;

import com.aigcaudio.config.Settings;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.ErrorClass;
import com.aigcaudio.core.InvalidRequestException;
import com.aigcaudio.core.Lazy;
import com.aigcaudio.function.FunctionConfig;
import com.aigcaudio.idempotency.IdempotencyKey;
import com.aigcaudio.idempotency.IdempotencyRecord;
import com.aigcaudio.plan.MediaUrls;
import com.aigcaudio.plan.Plan;
import com.aigcaudio.plan.TaskPlanner;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.tencent.client.TencentCloudClient;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.FunctionHarness;
import com.aigcaudio.testing.MutableClock;
import com.aigcaudio.track.Tracker;
import com.aigcaudio.transport.Transport;
import com.aigcaudio.transport.UrlConnectionTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static com.aigcaudio.testing.FakeTencentCloud.error;
import static com.aigcaudio.testing.FakeTencentCloud.json;
import static com.aigcaudio.testing.FakeTencentCloud.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One unit of work from plan to tracked task, on its own: the API stand-in (every signature checked), the claims
 * in memory, spend slots and tracking records in a memory bucket, a test clock.
 */
class TaskSubmitterTest {
    private static final String CREATE = "CreateAigcAudioTask";
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final MutableClock clock = new MutableClock(Instant.now());
    private final FaultyIdempotencyStore claims = new FaultyIdempotencyStore(clock);
    private final CountingObjectStore state = new CountingObjectStore();
    private final Map<String, String> env = FunctionHarness.fixtureEnv(vod);
    private final IdempotencyKey key = IdempotencyKey.of("aigc-audio", Map.of("trigger", "http", "clientKey", "k-1"));

    @AfterEach
    void tearDown() {
        vod.assertAllSignedAndClose();
    }

    private TaskSubmitter submitter() {
        FunctionConfig config = FunctionConfig.from(new Settings(env::get));
        Transport http = new UrlConnectionTransport(Duration.ofSeconds(2));
        CredentialsProvider credentials = CredentialsProvider.fixed(
                Credentials.of(FakeTencentCloud.SECRET_ID, FakeTencentCloud.SECRET_KEY));
        Lazy<AigcAudioTasks> tasks = new Lazy<>(
                () -> new AigcAudioTasks(new TencentCloudClient(config.client(), credentials, http)));
        Tracker tracker = Tracker.builder(config.tracking(), config.client().service(), clock).records(state, claims)
                .tasks(tasks, config.defaults().subAppId()).transport(http).build();
        return new TaskSubmitter(tasks, new ClaimGuard(claims, config.state(), clock),
                new SpendGuard(state, config.maxTasksPerDay(), config.maxTasksPerHour(), clock), tracker,
                        config.dryRun());
    }

    private Plan plan(String prompt) {
        FunctionConfig config = FunctionConfig.from(new Settings(env::get));
        return Plan.of(new TaskPlanner(config.defaults(), config.cos(), new MediaUrls(config.mediaUrls(),
                CredentialsProvider.fixed(Credentials.of("id", "key")), FunctionHarness.AWS, clock))
                .forSpec(Map.of("Prompt", prompt), Map.of()));
    }

    private WorkItem item(IdempotencyKey key, Supplier<Plan> planning) {
        return new WorkItem("http://caller", key, "hash", planning, null, null);
    }

    private Deadline deadline() {
        return Deadline.after(clock, Duration.ofSeconds(20));
    }

    private long creates() {
        return vod.requests().stream().filter(r -> CREATE.equals(r.getHeader("X-TC-Action"))).count();
    }

    @Test
    void created_isClaimedCompletedAndTracked() {
        vod.stub(vod.action(CREATE).willReturn(json(success("task-1", "req-1"))));

        TaskOutcome outcome = submitter().submit(item(key, () -> plan("rain")), deadline());

        assertEquals(TaskOutcome.Status.CREATED, outcome.status());
        assertEquals("task-1", outcome.taskId());
        assertEquals(IdempotencyRecord.Status.COMPLETED, claims.read(key.value(), deadline()).status());
        assertEquals(List.of("aigc-tracking/open/task-1.json"), state.list("aigc-tracking/", deadline()));
        assertEquals(1, creates());
    }

    @Test
    void noKey_isSentWithoutAClaim() {
        vod.stub(vod.action(CREATE).willReturn(json(success("task-2", "req-2"))));

        TaskOutcome outcome = submitter().submit(item(null, () -> plan("rain")), deadline());

        assertEquals("task-2", outcome.taskId());
        assertEquals(List.of(), claims.keys("aigc-audio", deadline()));
        assertEquals(0, claims.calls(FaultyIdempotencyStore.Op.CLAIM));
    }

    @Test
    void invalidPlan_isReportedWithItsField_nothingStoredOrSent() {
        TaskOutcome outcome = submitter().submit(item(key, () -> {
            throw new InvalidRequestException("Prompt", "is too long");
        }), deadline());

        assertEquals("InvalidRequest", outcome.failure().code());
        assertEquals("Prompt", outcome.failure().field());
        assertEquals(ErrorClass.INVALID_REQUEST, outcome.failure().errorClass());
        assertEquals(0, claims.calls(FaultyIdempotencyStore.Op.CLAIM));
        assertEquals(0, creates());
    }

    @Test
    void skippedPlan_isSkipped_nothingStoredOrSent() {
        TaskOutcome outcome = submitter().submit(item(key, () -> Plan.skip("not a video")), deadline());

        assertEquals(TaskOutcome.Status.SKIPPED, outcome.status());
        assertEquals("not a video", outcome.reason());
        assertEquals(0, claims.calls(FaultyIdempotencyStore.Op.CLAIM));
        assertEquals(0, creates());
    }

    @Test
    void dryRun_isPlanned_nothingStoredOrSent() {
        env.put("AIGC_DRY_RUN", "true");

        TaskOutcome outcome = submitter().submit(item(key, () -> plan("rain")), deadline());

        assertEquals(TaskOutcome.Status.PLANNED, outcome.status());
        assertEquals(0, claims.calls(FaultyIdempotencyStore.Op.CLAIM));
        assertEquals(0, state.writes.get());
        assertEquals(0, creates());
    }

    @Test
    void apiRefusal_releasesTheClaimAndTheSpendSlot() {
        env.put("AIGC_MAX_TASKS_PER_HOUR", "5");
        vod.stub(vod.action(CREATE).willReturn(json(error("InvalidParameterValue.Prompt", "bad", "req-3"))));

        TaskOutcome outcome = submitter().submit(item(key, () -> plan("rain")), deadline());

        assertEquals("InvalidParameterValue.Prompt", outcome.failure().code());
        assertEquals("refused by the API", outcome.reason());
        assertNull(claims.read(key.value(), deadline()), "released");
        assertEquals(List.of(), state.list("aigc-spend/", deadline()), "slot given back");
    }

    @Test
    void spendLimitReached_refusesWithTheResetTime_andMarksTheWindowOnce() {
        env.put("AIGC_MAX_TASKS_PER_HOUR", "1");
        vod.stub(vod.action(CREATE).willReturn(json(success("task-4", "req-4"))));
        TaskSubmitter submitter = submitter();
        submitter.submit(item(key, () -> plan("rain")), deadline());

        TaskOutcome refused = submitter.submit(item(IdempotencyKey.of("aigc-audio", Map.of("trigger", "http",
                "clientKey", "k-2")), () -> plan("sun")),
                deadline());
        submitter.submit(item(IdempotencyKey.of("aigc-audio", Map.of("trigger", "http", "clientKey", "k-3")), ()
                -> plan("snow")), deadline());

        assertEquals("SpendLimitReached", refused.failure().code());
        assertTrue(refused.failure().retryAt().isAfter(clock.instant()), String.valueOf(refused.failure().retryAt()));
        assertEquals(1, creates());
        assertEquals(1, state.list("aigc-spend/", deadline()).stream().filter(k -> k.endsWith("/refused")).count());
        assertNull(claims.read("aigc-audio:k-2", deadline()));
    }

    @Test
    void transientApiError_isTransient_andReleasesTheClaimForARedelivery() {
        vod.stub(vod.action(CREATE).willReturn(json(error("InternalError", "try later", "req-5"))));

        TaskOutcome outcome = submitter().submit(item(key, () -> plan("rain")), deadline());

        assertEquals(ErrorClass.TRANSIENT, outcome.failure().errorClass());
        assertTrue(outcome.retryableFailure());
        assertNull(claims.read(key.value(), deadline()));
    }
}
