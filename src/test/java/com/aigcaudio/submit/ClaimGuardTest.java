package com.aigcaudio.submit;

import com.aigcaudio.config.StateConfig;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.ErrorClass;
import com.aigcaudio.idempotency.IdempotencyKey;
import com.aigcaudio.idempotency.IdempotencyRecord;
import com.aigcaudio.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The claim state machine on its own: an in-memory store that fails on demand and an attempt that records calls. */
class ClaimGuardTest {
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final FaultyIdempotencyStore store = new FaultyIdempotencyStore(clock);
    private final ClaimGuard guard = new ClaimGuard(store, new StateConfig("aigc-audio", Duration.ofDays(3),
            WINDOW, null, null), clock);
    private final IdempotencyKey key = IdempotencyKey.of("aigc-audio", Map.of("trigger", "http", "clientKey",
            "client-key-1"));
    private final WorkItem item = item("hash-a");

    private WorkItem item(String payloadHash) {
        return new WorkItem("http://caller", key, payloadHash, () -> null, null, null);
    }

    private Deadline deadline() {
        return Deadline.after(clock, Duration.ofSeconds(30));
    }

    /** Records what the guard asked of it; answers as told. */
    /** Drives the guard as the submitter does: claim, admit, mark sending, send, settle. */
    private TaskOutcome run(WorkItem item, Attempt attempt) {
        Deadline deadline = deadline();
        ClaimGuard.Held held = guard.claim(item, deadline);
        if (held.stop() != null) {
            return held.stop();
        }
        TaskOutcome refused = attempt.admit();
        if (refused != null) {
            guard.release(held, item, deadline);
            return refused;
        }
        TaskOutcome unmarked = guard.markSending(held, item, deadline);
        if (unmarked != null) {
            attempt.abandon();
            return unmarked;
        }
        TaskOutcome outcome = attempt.send();
        guard.settle(held, item, outcome, deadline);
        return outcome;
    }

    private static final class Attempt {
        final List<String> calls = new ArrayList<>();
        TaskOutcome admission;
        TaskOutcome sent = TaskOutcome.created("http://caller", "task-1", "req-1");

        TaskOutcome admit() {
            calls.add("admit");
            return admission;
        }

        TaskOutcome send() {
            calls.add("send");
            return sent;
        }

        void abandon() {
            calls.add("abandon");
        }
    }

    private IdempotencyRecord stored() {
        return store.records.read(key.value(), deadline());
    }

    private static TaskOutcome failure(ErrorClass errorClass, String code) {
        return TaskOutcome.failed("http://caller", new TaskOutcome.Failure(errorClass, code, "m", null, "req-f"), "r");
    }

    private void standing(IdempotencyRecord.Status status, Instant inProgressUntil, String payloadHash) {
        IdempotencyRecord claim = IdempotencyRecord.claim("other-claim", inProgressUntil,
                clock.instant().plus(Duration.ofDays(3)), payloadHash, null);
        store.records.claim(key.value(), in(status, claim), deadline());
    }

    /** The claim moved along the path the submitter takes to {@code status}. */
    private static IdempotencyRecord in(IdempotencyRecord.Status status, IdempotencyRecord claim) {
        switch (status) {
            case IN_PROGRESS:
                return claim;
            case SENDING:
                return claim.sending();
            case COMPLETED:
                return claim.sending().completed("task-0", "req-0");
            default:
                return claim.sending().unknownOutcome("req-0");
        }
    }

    @Test
    void freshKey_admitsSendsAndRecordsCompleted() {
        Attempt attempt = new Attempt();

        TaskOutcome outcome = run(item, attempt);

        assertEquals("task-1", outcome.taskId());
        assertEquals(List.of("admit", "send"), attempt.calls);
        assertEquals(IdempotencyRecord.Status.COMPLETED, stored().status());
        assertEquals("task-1", stored().taskId());
        assertEquals("hash-a", stored().payloadHash());
    }

    @Test
    void completedKey_isADuplicateWithItsTaskId_nothingSent() {
        standing(IdempotencyRecord.Status.COMPLETED, clock.instant(), "hash-a");
        Attempt attempt = new Attempt();

        TaskOutcome outcome = run(item, attempt);

        assertEquals(TaskOutcome.Status.DUPLICATE, outcome.status());
        assertEquals("task-0", outcome.taskId());
        assertEquals(List.of(), attempt.calls);
    }

    @Test
    void keyUsedForOtherWork_isIdempotencyKeyReused() {
        standing(IdempotencyRecord.Status.COMPLETED, clock.instant(), "hash-a");
        Attempt attempt = new Attempt();

        TaskOutcome outcome = run(item("hash-b"), attempt);

        assertEquals("IdempotencyKeyReused", outcome.failure().code());
        assertEquals(ErrorClass.INVALID_REQUEST, outcome.failure().errorClass());
        assertEquals("Idempotency-Key", outcome.failure().field());
        assertEquals(List.of(), attempt.calls);
    }

    @Test
    void claimHeldWithinItsWindow_isInProgress() {
        standing(IdempotencyRecord.Status.IN_PROGRESS, clock.instant().plus(WINDOW), "hash-a");
        Attempt attempt = new Attempt();

        TaskOutcome outcome = run(item, attempt);

        assertEquals("InProgress", outcome.failure().code());
        assertEquals(ErrorClass.TRANSIENT, outcome.failure().errorClass());
        assertEquals(List.of(), attempt.calls);
    }

    @Test
    void claimPastItsWindowBeforeSending_isTakenOverAndSent() {
        standing(IdempotencyRecord.Status.IN_PROGRESS, clock.instant().plus(WINDOW), "hash-a");
        clock.advance(WINDOW.plusSeconds(1));
        Attempt attempt = new Attempt();

        TaskOutcome outcome = run(item, attempt);

        assertEquals("task-1", outcome.taskId());
        assertEquals(List.of("admit", "send"), attempt.calls);
    }

    @Test
    void sendingClaim_isInProgressWithinItsWindow_thenAnUnknownOutcomeNeverResent() {
        standing(IdempotencyRecord.Status.SENDING, clock.instant().plus(WINDOW), "hash-a");
        Attempt attempt = new Attempt();
        assertEquals("InProgress", run(item, attempt).failure().code());

        clock.advance(WINDOW.plusSeconds(1));
        TaskOutcome later = run(item, attempt);

        assertEquals("PreviousOutcomeUnknown", later.failure().code());
        assertEquals(ErrorClass.UNKNOWN_OUTCOME, later.failure().errorClass());
        assertEquals(List.of(), attempt.calls);
    }

    @Test
    void unknownOutcome_isNeverResent() {
        standing(IdempotencyRecord.Status.UNKNOWN_OUTCOME, clock.instant(), "hash-a");
        Attempt attempt = new Attempt();

        TaskOutcome outcome = run(item, attempt);

        assertEquals("PreviousOutcomeUnknown", outcome.failure().code());
        assertEquals("req-0", outcome.failure().requestId());
        assertEquals(List.of(), attempt.calls);
    }

    @Test
    void admissionRefused_releasesTheClaim_nothingSent() {
        Attempt attempt = new Attempt();
        attempt.admission = failure(ErrorClass.FAILED, "SpendLimitReached");

        TaskOutcome outcome = run(item, attempt);

        assertEquals("SpendLimitReached", outcome.failure().code());
        assertEquals(List.of("admit"), attempt.calls);
        assertNull(stored(), "released: the next delivery may try again");
    }

    @Test
    void claimCannotBeWritten_isStoreUnavailable_nothingAdmittedOrSent() {
        store.failNext(FaultyIdempotencyStore.Op.CLAIM, 1);
        Attempt attempt = new Attempt();

        TaskOutcome outcome = run(item, attempt);

        assertEquals("IdempotencyStoreUnavailable", outcome.failure().code());
        assertEquals(ErrorClass.TRANSIENT, outcome.failure().errorClass());
        assertEquals(List.of(), attempt.calls);
    }

    @Test
    void sendingCannotBeMarked_abandonsTheAdmission_releasesTheClaim_nothingSent() {
        store.failNext(FaultyIdempotencyStore.Op.UPDATE, 1);
        Attempt attempt = new Attempt();

        TaskOutcome outcome = run(item, attempt);

        assertEquals("IdempotencyStoreUnavailable", outcome.failure().code());
        assertEquals(List.of("admit", "abandon"), attempt.calls);
        assertNull(stored());
    }

    @Test
    void cleanFailure_releasesTheClaim() {
        Attempt attempt = new Attempt();
        attempt.sent = failure(ErrorClass.TRANSIENT, "InternalError");

        run(item, attempt);

        assertNull(stored(), "nothing was created: a redelivery may try again");
    }

    @Test
    void unknownOutcome_isRecordedAsSuch() {
        Attempt attempt = new Attempt();
        attempt.sent = failure(ErrorClass.UNKNOWN_OUTCOME, "RequestTimeout");

        run(item, attempt);

        assertEquals(IdempotencyRecord.Status.UNKNOWN_OUTCOME, stored().status());
        assertEquals("req-f", stored().requestId());
    }

    /**
     * The store retries each write itself (StoreRetry: 6 attempts within the deadline); the guard adds no loop on
     * top, which made one settle up to 24 PUTs. A completion the store could not write leaves SENDING: an unknown
     * outcome, never re-created.
     */
    /** A claim record nobody can read: whether a task exists is unknown, so nothing is sent, and it says so. */
    @Test
    void unreadableClaim_sendsNothing_andIsItsOwnFailure() {
        store.objects.put("claims/" + key.value().replace(':', '/') + ".json", com.aigcaudio.store.ObjectStore.Body.of(
                "{\"status\":\"CANCELLED\"".getBytes(StandardCharsets.UTF_8)), "application/json",
                Map.of(), false, deadline());
        Attempt attempt = new Attempt();

        TaskOutcome outcome = run(item, attempt);

        assertEquals("ClaimUnreadable", outcome.failure().code());
        assertEquals(ErrorClass.UNKNOWN_OUTCOME, outcome.failure().errorClass());
        assertEquals(List.of(), attempt.calls, "nothing admitted, nothing sent");
    }

    @Test
    void completionWriteFails_isNotRetriedOnTopOfTheStoresOwnRetries() {
        Attempt attempt = new Attempt();
        store.beforeUpdate = () -> {
            if (store.calls(FaultyIdempotencyStore.Op.UPDATE) == 1) {
                store.failNext(FaultyIdempotencyStore.Op.UPDATE, 1);
            }
        };

        run(item, attempt);

        assertEquals(2, store.calls(FaultyIdempotencyStore.Op.UPDATE), "the sending mark and one settle");
        assertEquals(IdempotencyRecord.Status.SENDING, stored().status());
    }

    @Test
    void completionNeverWritten_leavesSending_anUnknownOutcomeForTheNextDelivery() {
        Attempt attempt = new Attempt();
        store.beforeUpdate = () -> {
            if (store.calls(FaultyIdempotencyStore.Op.UPDATE) == 1) {
                store.failNext(FaultyIdempotencyStore.Op.UPDATE, 100);
            }
        };

        TaskOutcome outcome = run(item, attempt);

        assertEquals("task-1", outcome.taskId(), "the task was created; the invocation says so");
        assertEquals(IdempotencyRecord.Status.SENDING, stored().status());
        clock.advance(WINDOW.plusSeconds(1));
        assertEquals("PreviousOutcomeUnknown", run(item, new Attempt()).failure().code());
    }

    @Test
    void markerDeletedWhileSending_theOutcomeIsStillWritten_theNextClaimantFindsItAndSendsNothing() {
        Attempt attempt = new Attempt();
        store.beforeUpdate = () -> {
            if (store.calls(FaultyIdempotencyStore.Op.UPDATE) == 2) {
                IdempotencyRecord current = stored();
                store.records.release(key.value(), current, deadline());
                standing(IdempotencyRecord.Status.IN_PROGRESS, clock.instant().plus(WINDOW), "hash-a");
            }
        };

        TaskOutcome outcome = run(item, attempt);

        // An operator deleted our SENDING marker and a redelivery claimed the key while our request was in
        // flight: writing the outcome anyway records the task that exists, instead of letting a second be paid.
        assertEquals("task-1", outcome.taskId());
        assertEquals(IdempotencyRecord.Status.COMPLETED, stored().status());
        assertEquals("task-1", stored().taskId());
        Attempt second = new Attempt();
        TaskOutcome redelivered = run(item, second);
        assertEquals("task-1", redelivered.taskId(), "the redelivery is a duplicate of the task that exists");
        assertFalse(second.calls.contains("send"), "and sends nothing: " + second.calls);
    }
}
