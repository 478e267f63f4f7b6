package com.aigcaudio.trigger.http;

import com.aigcaudio.config.HttpSettings;
import com.aigcaudio.core.Hashing;
import com.aigcaudio.core.Invocation;
import com.aigcaudio.core.InvocationResult;
import com.aigcaudio.core.Tally;
import com.aigcaudio.idempotency.IdempotencyKey;
import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;
import com.aigcaudio.log.Logger;
import com.aigcaudio.plan.Plan;
import com.aigcaudio.plan.TaskPlanner;
import com.aigcaudio.submit.FailureCode;
import com.aigcaudio.submit.TaskOutcome;
import com.aigcaudio.submit.TaskSubmitter;
import com.aigcaudio.submit.WorkItem;
import com.aigcaudio.track.Tracker;
import com.aigcaudio.trigger.InvalidEventException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /tasks} from an API gateway or a function URL: one task in the configured service's vocabulary,
 * answered 202 with its TaskId. Every failure is a JSON error with a status that says what to do; never a stack trace.
 */
public final class HttpTrigger {
    private static final Logger LOG = Logger.get(HttpTrigger.class);

    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final HttpSettings settings;
    private final Route route;
    private final TaskPlanner planner;
    private final TaskSubmitter submitter;
    private final Cors cors;
    private final CallerPolicy policy;
    private final TaskStatusResource status;
    private final TryPage page;
    private final Clock clock;

    /** @param page the page served at "/", pre-filled with the configured defaults */
    public HttpTrigger(HttpSettings settings, TaskPlanner planner, TaskSubmitter submitter, Tracker tracker,
            TryPage page,
                       Clock clock) {
        this.settings = settings;
        this.route = new Route(settings.path());
        this.planner = planner;
        this.submitter = submitter;
        this.cors = new Cors(settings.corsOrigins());
        this.policy = new CallerPolicy(settings);
        this.status = new TaskStatusResource(tracker);
        this.page = page;
        this.clock = clock;
    }

    public InvocationResult handle(Map<?, ?> event, Invocation invocation) {
        HttpResponse response;
        Tally tally = new Tally();
        try {
            response = respond(HttpTriggerRequest.decode(event), invocation, tally);
        } catch (InvalidEventException e) {
            response = HttpResponse.error(400, "InvalidRequest", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("unexpected failure handling an HTTP request", "error", e.getClass().getName());
            response = HttpResponse.error(500, "InternalError", "internal error; see the function log");
        }
        return new InvocationResult(response.withHeadersIfAbsent(cors.headers(origin(event))), false,
                tally);
    }

    /** The Origin header of the raw event, even when the event did not decode. */
    private static String origin(Map<?, ?> event) {
        Object headers = event.get("headers");
        String origin = null;
        if (headers instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) headers).entrySet()) {
                if ("origin".equalsIgnoreCase(String.valueOf(e.getKey())) && e.getValue() instanceof String) {
                    origin = (String) e.getValue();
                }
            }
        }
        return origin;
    }

    private HttpResponse respond(HttpTriggerRequest request, Invocation invocation, Tally tally) {
        if ("OPTIONS".equalsIgnoreCase(request.method())) {
            return preflight(request);
        }
        if (route.isPage(request.path()) && ("GET".equalsIgnoreCase(request.method()) || "HEAD".equalsIgnoreCase(
                request.method()))) {
            // The page itself is public; the calls it makes carry the token.
            return page.response(request.header("If-None-Match"));
        }
        if (settings.token() != null && !authorized(request.header("Authorization"))) {
            return HttpResponse.error(401, "Unauthorized", "missing or wrong bearer token", null, null,
                    Map.of("WWW-Authenticate", "Bearer"));
        }
        String resultOf = route.resultOf(request.path());
        if (resultOf != null) {
            if ("HEAD".equalsIgnoreCase(request.method())) {
                return status.result(resultOf, invocation.deadline()).withoutBody();
            }
            if (!"GET".equalsIgnoreCase(request.method())) {
                return HttpResponse.error(405, "MethodNotAllowed", "use GET", null, null, Map.of("Allow", "GET, HEAD"));
            }
            return status.result(resultOf, invocation.deadline());
        }
        String taskId = route.taskIdIn(request.path());
        if (taskId != null) {
            if ("HEAD".equalsIgnoreCase(request.method())) {
                return status.get(taskId, invocation.deadline()).withoutBody();
            }
            if (!"GET".equalsIgnoreCase(request.method())) {
                return HttpResponse.error(405, "MethodNotAllowed", "use GET", null, null, Map.of("Allow", "GET, HEAD"));
            }
            return status.get(taskId, invocation.deadline());
        }
        if (!route.isCollection(request.path())) {
            return HttpResponse.error(404, "NotFound", "no route for " + request.path() + "; POST " + route.path()
                    + ", GET " + route.path() + "/{taskId}");
        }
        if (!"POST".equalsIgnoreCase(request.method())) {
            return HttpResponse.error(405, "MethodNotAllowed", "use POST", null, null, Map.of("Allow", "POST"));
        }
        if (!isJson(request.header("Content-Type"))) {
            return HttpResponse.error(415, "UnsupportedMediaType", "send the task as JSON with Content-Type: "
                    + "application/json", "Content-Type", null, Map.of());
        }
        if (request.body().length > settings.maxBodyBytes()) {
            return HttpResponse.error(413, "PayloadTooLarge", "the body is " + request.body().length
                    + " bytes; the limit is " + settings.maxBodyBytes());
        }
        Map<String, Object> spec;
        try {
            spec = Json.parseObject(utf8(request.body()));
        } catch (CharacterCodingException e) {
            return HttpResponse.error(400, "InvalidJson", "the body is not valid UTF-8 (JSON text must be)", "body",
                    null, Map.of());
        } catch (JsonSyntaxException e) {
            if (e.key() != null) {
                return HttpResponse.error(400, "InvalidJson", "the key '" + e.key() + "' appears twice in one object",
                        e.key(), null, Map.of());
            }
            return HttpResponse.error(400, "InvalidJson", "the body must be a JSON object: " + e.getMessage(), "body",
                    null, Map.of());
        }
        String clientKey = request.header(IDEMPOTENCY_HEADER);
        if (clientKey != null && !clientKey.matches("[\\x21-\\x7e]{1,255}")) {
            return HttpResponse.error(400, "InvalidRequest", IDEMPOTENCY_HEADER
                    + " must be 1-255 visible ASCII characters", IDEMPOTENCY_HEADER, null, Map.of());
        }
        String source = "http://" + (request.requestId() == null ? invocation.requestId() : request.requestId());
        WorkItem item = new WorkItem(source, clientKey == null ? null : submitter.keyOf(Map.of("trigger", "http",
                "clientKey", clientKey)),
                clientKey == null ? null : IdempotencyKey.payloadHash(spec),
                () -> {
                    policy.check(spec);
                    return Plan.of(planner.forSpec(spec, Map.of()));
                }, null, null);
        TaskOutcome outcome = submitter.submit(item, invocation.deadline());
        outcome.countInto(tally);
        return toResponse(outcome, route.collectionBehind(request.path()));
    }

    /** Strict: a replacement character would put bytes the caller never sent into a paid prompt. */
    private static String utf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    }

    private HttpResponse toResponse(TaskOutcome outcome, String path) {
        if (outcome.status() == TaskOutcome.Status.PLANNED) {
            return HttpResponse.json(200, Map.of("dryRun", true, "status", "planned", "message", outcome.reason()),
                    Map.of());
        }
        if (outcome.taskId() != null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("taskId", outcome.taskId());
            body.put("requestId", outcome.requestId());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Location", (path.endsWith("/") ? path : path + "/") + outcome.taskId());
            if (outcome.status() == TaskOutcome.Status.DUPLICATE) {
                headers.put("Idempotent-Replayed", "true");
            }
            return HttpResponse.json(202, body, headers);
        }
        TaskOutcome.Failure f = outcome.failure();
        FailureCode ours = FailureCode.of(f.code());
        if (ours != null) {
            Long retryAfter = ours.retryAfterSeconds(f.retryAt(), clock.instant());
            return HttpResponse.error(ours.httpStatus(), f.code(), ours.messageWithheld() ? "try again later"
                    : f.message(),
                    f.field(), f.requestId(), retryAfter == null ? Map.of() : Map.of("Retry-After",
                            retryAfter.toString()));
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
        return HttpResponse.error(status, f.code(), f.message(), f.field(), f.requestId(), headers);
    }

    /** A preflight from an allowed origin gets 204 and the CORS grant; any other OPTIONS just learns the methods. */
    private HttpResponse preflight(HttpTriggerRequest request) {
        String origin = request.header("Origin");
        if (origin != null && request.header("Access-Control-Request-Method") != null && !cors.allows(origin)) {
            return HttpResponse.error(403, "OriginNotAllowed", "this origin is not in AIGC_HTTP_CORS_ORIGINS");
        }
        Map<String, String> headers = cors.allows(origin) ? cors.preflight(origin) : new LinkedHashMap<>();
        headers.put("Allow", Cors.ALLOWED_METHODS);
        return HttpResponse.empty(204, headers);
    }

    /** application/json or any +json type, with or without parameters such as charset. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(
                Locale.ROOT);
        return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
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
