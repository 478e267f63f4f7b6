package com.aigcaudio.idempotency;

import com.aigcaudio.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A record written by a later version keeps the fields this version does not know when it is rewritten. */
class IdempotencyRecordTest {
    @Test
    void unknownFields_surviveATransitionAndARewrite() {
        IdempotencyRecord claim = IdempotencyRecord.claim("c-1", Instant.parse("2026-12-08T00:01:00Z"),
                Instant.parse("2026-12-11T00:00:00Z"), "hash", null).sending().unknownOutcome("req-1");
        Map<String, Object> later = Json.object(Json.parse(claim.toJson()));
        later.put("queuedAt", 1765152000000L);
        later.put("attemptHistory", List.of("a", "b"));

        IdempotencyRecord read = IdempotencyRecord.fromJson(Json.toBytes(later));
        Map<String, Object> rewritten = Json.object(Json.parse(read.completed("task-1", "req-1").toJson()));

        assertEquals("COMPLETED", rewritten.get("status"));
        assertEquals(1765152000000L, ((Number) rewritten.get("queuedAt")).longValue());
        assertEquals(List.of("a", "b"), rewritten.get("attemptHistory"));
        assertEquals("task-1", rewritten.get("taskId"));
        assertEquals(new String(read.toJson(), StandardCharsets.UTF_8).length(),
                new String(IdempotencyRecord.fromJson(read.toJson()).toJson(), StandardCharsets.UTF_8).length());
    }
}
