package com.aigcaudio.trigger.http;

import com.aigcaudio.config.HttpSettings;
import com.aigcaudio.function.Invocation;
import com.aigcaudio.function.InvocationResult;
import com.aigcaudio.idempotency.IdempotencyKey;
import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;
import com.aigcaudio.log.Logger;
import com.aigcaudio.plan.Plan;
import com.aigcaudio.plan.TaskPlanner;
import com.aigcaudio.submit.TaskOutcome;
import com.aigcaudio.submit.TaskSubmitter;
import com.aigcaudio.submit.WorkItem;
import com.aigcaudio.tencent.signing.Hashing;
import com.aigcaudio.trigger.InvalidEventException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /tasks} from an API gateway or a function URL: one task in the configured service's vocabulary,
 * answered 202 with its TaskId. Every failure is a JSON error with a status that says what to do; never a stack trace.
 */
public final class HttpTrigger {
    private static final Logger LOG = Logger.get(HttpTrigger.class);

    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final HttpSettings settings;
    private final TaskPlanner planner;
    private final TaskSubmitter submitter;
    private final String keyPrefix;

    public HttpTrigger(HttpSettings settings, TaskPlanner planner, TaskSubmitter submitter, String keyPrefix) {
        this.settings = settings;
        this.planner = planner;
        this.submitter = submitter;
        this.keyPrefix = keyPrefix;
    }

    public InvocationResult handle(Map<?, ?> event, Invocation invocation) {
        Map<String, Object> response;
        try {
            response = respond(HttpTriggerRequest.decode(event), invocation);
        } catch (InvalidEventException e) {
            response = HttpResponses.error(400, "InvalidRequest", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("unexpected failure handling an HTTP request", "error", e.getClass().getName());
            response = HttpResponses.error(500, "InternalError", "internal error; see the function log");
        }
        return new InvocationResult(response, false);
    }

    private Map<String, Object> respond(HttpTriggerRequest request, Invocation invocation) {
        if (settings.token() != null && !authorized(request.header("Authorization"))) {
            return HttpResponses.error(401, "Unauthorized", "missing or wrong bearer token", null, null,
                    Map.of("WWW-Authenticate", "Bearer"));
        }
        if (!settings.matches(request.path())) {
            return HttpResponses.error(404, "NotFound", "no route for " + request.path() + "; POST " + settings.path());
        }
        if (!"POST".equalsIgnoreCase(request.method())) {
            return HttpResponses.error(405, "MethodNotAllowed", "use POST", null, null, Map.of("Allow", "POST"));
        }
        if (request.body().length > settings.maxBodyBytes()) {
            return HttpResponses.error(413, "PayloadTooLarge", "the body is " + request.body().length
                    + " bytes; the limit is " + settings.maxBodyBytes());
        }
        Map<String, Object> spec;
        try {
            spec = Json.parseObject(new String(request.body(), StandardCharsets.UTF_8));
        } catch (JsonSyntaxException e) {
            return HttpResponses.error(400, "InvalidJson", "the body must be a JSON object: " + e.getMessage(), "body",
                    null, Map.of());
        }
        String clientKey = request.header(IDEMPOTENCY_HEADER);
        if (clientKey != null && !clientKey.matches("[\\x21-\\x7e]{1,255}")) {
            return HttpResponses.error(400, "InvalidRequest", IDEMPOTENCY_HEADER
                    + " must be 1-255 visible ASCII characters", IDEMPOTENCY_HEADER, null, Map.of());
        }
        String source = "http://" + (request.requestId() == null ? invocation.requestId() : request.requestId());
        WorkItem item = new WorkItem(source, clientKey == null ? null : IdempotencyKey.forHttp(keyPrefix, clientKey),
                clientKey == null ? null : IdempotencyKey.payloadHash(spec),
                () -> Plan.of(planner.forSpec(spec, Map.of())));
        return toResponse(submitter.submit(item, invocation.deadline()));
    }

    private static Map<String, Object> toResponse(TaskOutcome outcome) {
        if (outcome.taskId() != null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("taskId", outcome.taskId());
            body.put("requestId", outcome.requestId());
            return HttpResponses.json(202, body, outcome.status() == TaskOutcome.Status.DUPLICATE
                    ? Map.of("Idempotent-Replayed", "true") : Map.of());
        }
        TaskOutcome.Failure f = outcome.failure();
        switch (f.code()) {
            case "InProgress":
                return HttpResponses.error(409, f.code(), f.message(), null, null, Map.of("Retry-After", "5"));
            case "IdempotencyKeyReused":
                return HttpResponses.error(422, f.code(), f.message(), f.field(), null, Map.of());
            case "IdempotencyStoreUnavailable":
                return HttpResponses.error(503, f.code(), "try again later", null, null, Map.of("Retry-After", "5"));
            default:
                break;
        }
        int status;
        Map<String, String> headers = Map.of();
        switch (f.errorClass()) {
            case INVALID_REQUEST:
                status = f.field() != null ? 400 : 502;
                break;
            case CONTENT_REJECTED:
                status = 422;
                break;
            case THROTTLED:
                status = 429;
                headers = Map.of("Retry-After", "1");
                break;
            case UNKNOWN_OUTCOME:
                status = 504;
                break;
            default:
                status = 502;
        }
        return HttpResponses.error(status, f.code(), f.message(), f.field(), f.requestId(), headers);
    }

    /** Constant-time comparison of digests, so neither content nor length leaks through timing. */
    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = Hashing.digest("SHA-256", header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
        byte[] expected = Hashing.digest("SHA-256", settings.token().getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(presented, expected);
    }
}
