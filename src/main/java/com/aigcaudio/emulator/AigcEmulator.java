package com.aigcaudio.emulator;

import com.aigcaudio.core.InvalidRequestException;
import com.aigcaudio.core.Service;
import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;
import com.aigcaudio.log.Logger;
import com.aigcaudio.plan.TaskSpecReader;
import com.aigcaudio.tencent.aigc.CreateAigcAudioTask;
import com.aigcaudio.tencent.aigc.DescribeAudioTask;
import com.aigcaudio.tencent.auth.Credentials;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * An in-process stand-in for the VOD or MPS endpoint, so the function runs with no account: it checks the TC3
 * signature and the body against the action's parameter lists and answers as the API does, with a TaskId or the
 * Error envelope (UnknownParameter, InvalidParameterValue, and InvalidParameter.ViolationContent for any prompt
 * containing the word "violation"). Loopback only.
 */
public final class AigcEmulator implements AutoCloseable {
    /** The only credentials the emulator accepts. Not a secret: they work nowhere else. */
    public static final Credentials CREDENTIALS =
            Credentials.of("AKIDEMULATORlocalonly000000000000000", "emulator-local-secret-key-not-real");
    private static final Logger LOG = Logger.get(AigcEmulator.class);

    /** Default pace of an emulated task: running after 1 s, finished after 4 s. */
    public static final Duration RUNNING_AFTER = Duration.ofSeconds(1);
    public static final Duration DONE_AFTER = Duration.ofSeconds(4);
    static final String RESULTS = "/results/";

    private final Service service;
    private final HttpServer server;
    private final SignatureCheck signatures;
    private final Duration runningAfter;
    private final Duration doneAfter;
    private final Clock clock;

    private AigcEmulator(Service service, HttpServer server, Duration runningAfter, Duration doneAfter, Clock clock) {
        this.service = service;
        this.server = server;
        this.signatures = new SignatureCheck(CREDENTIALS, service.signingName());
        this.runningAfter = runningAfter;
        this.doneAfter = doneAfter;
        this.clock = clock;
    }

    public static AigcEmulator start(Service service) throws IOException {
        return start(service, 0, null);
    }

    public static AigcEmulator start(Service service, int port, SSLContext tls) throws IOException {
        return start(service, port, tls, RUNNING_AFTER, DONE_AFTER, Clock.systemUTC());
    }

    /**
     * @param port 0 for any free port
     * @param tls  serve HTTPS with this context (its key managers hold the server certificate), or null for HTTP
     * @param clock the time tasks are created, run and finish by (tests move it by hand)
     */
    public static AigcEmulator start(Service service, int port, SSLContext tls, Duration runningAfter,
                                     Duration doneAfter, Clock clock) throws IOException {
        // Headers and body leave in two writes; with Nagle's algorithm the second waits for the client's delayed
        // ACK (40 ms a response). Read once, when the JDK's server starts its first instance.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        HttpServer server;
        if (tls == null) {
            server = HttpServer.create(address, 0);
        } else {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        AigcEmulator emulator = new AigcEmulator(service, server, runningAfter, doneAfter, clock);
        server.createContext("/", emulator::handle);
        server.createContext(RESULTS, emulator::serveResult);
        server.start();
        return emulator;
    }

    public URI endpoint() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, Object> response;
        try {
            response = answer(exchange, body, requestId);
        } catch (EmulatedError e) {
            if (!isWarmupProbe(exchange)) {
                LOG.info("emulator refused a request", "error_code", e.code, "request_id", requestId);
            } else {
                // The function's connection warm-up: expected, and answered as the real endpoint does.
                LOG.debug("emulator answered a request naming no action", "error_code", e.code, "request_id",
                        requestId);
            }
            response = Map.of("Error", Map.of("Code", e.code, "Message", e.getMessage()), "RequestId", requestId);
        }
        byte[] json = Json.toBytes(Map.of("Response", response));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    /** GET /results/<taskId>.wav: the finished task's soundtrack, a playable WAV made on the fly. */
    private void serveResult(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring(RESULTS.length());
        EmulatedTask task = name.endsWith(".wav") ? EmulatedTask.parse(name.substring(0, name.length() - 4)) : null;
        if (task == null || task.fails || !task.finished(clock.instant(), doneAfter)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] wav = ToneWav.generate(EmulatedTask.SECONDS, task.taskId.hashCode());
        exchange.getResponseHeaders().set("Content-Type", "audio/wav");
        exchange.sendResponseHeaders(200, wav.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(wav);
        }
    }

    /** A GET with no credentials and no action: the function's connection warm-up (ConnectionWarmup). */
    private static boolean isWarmupProbe(HttpExchange exchange) {
        return "GET".equals(exchange.getRequestMethod())
                && !exchange.getRequestHeaders().containsKey("Authorization")
                && !exchange.getRequestHeaders().containsKey("X-TC-Action");
    }

    private Map<String, Object> answer(HttpExchange exchange, byte[] body, String requestId) {
        if (isWarmupProbe(exchange)) {
            throw new EmulatedError("MissingParameter", "the request names no action (X-TC-Action)");
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new EmulatedError("UnsupportedProtocol", "only POST is supported");
        }
        signatures.verify(exchange.getRequestHeaders()::getFirst, body);
        String action = exchange.getRequestHeaders().getFirst("X-TC-Action");
        if (!service.version().equals(exchange.getRequestHeaders().getFirst("X-TC-Version"))) {
            throw new EmulatedError("NoSuchVersion", service.signingName() + " expects Version " + service.version());
        }
        String describe = service == Service.VOD ? DescribeAudioTask.VOD_ACTION : DescribeAudioTask.MPS_ACTION;
        if (describe.equals(action)) {
            return describe(body, requestId);
        }
        if (!CreateAigcAudioTask.ACTION.equals(action)) {
            throw new EmulatedError("InvalidAction", "the emulator implements CreateAigcAudioTask and " + describe
                    + " only, not " + action);
        }
        CreateAigcAudioTask task;
        try {
            task = TaskSpecReader.read(service, Json.parseObject(new String(body, StandardCharsets.UTF_8)));
        } catch (JsonSyntaxException e) {
            throw new EmulatedError("InvalidParameter", "the body is not a JSON object: " + e.getMessage());
        } catch (InvalidRequestException e) {
            throw new EmulatedError(e.getMessage().contains("unknown parameter") ? "UnknownParameter"
                    : "InvalidParameterValue", e.getMessage());
        }
        if (task.prompt() != null && task.prompt().toLowerCase(Locale.ROOT).contains("violation")) {
            throw new EmulatedError("InvalidParameter.ViolationContent", "the prompt did not pass content review");
        }
        boolean fails = task.prompt() != null && task.prompt().toLowerCase(Locale.ROOT).contains("generation-failure");
        String taskId = EmulatedTask.create(service, clock.instant(), fails).taskId;
        LOG.info("emulator created a task", "task_id", taskId, "request_id", requestId);
        return Map.of("TaskId", taskId, "RequestId", requestId);
    }

    private Map<String, Object> describe(byte[] body, String requestId) {
        Object taskId;
        try {
            taskId = Json.parseObject(new String(body, StandardCharsets.UTF_8)).get("TaskId");
        } catch (JsonSyntaxException e) {
            throw new EmulatedError("InvalidParameter", "the body is not a JSON object: " + e.getMessage());
        }
        EmulatedTask task = taskId instanceof String ? EmulatedTask.parse((String) taskId) : null;
        if (task == null) {
            throw new EmulatedError(service == Service.VOD ? "ResourceNotFound" : "ResourceNotFound.TaskNotExist",
                    "no task " + taskId);
        }
        Map<String, Object> answer = task.describe(service, clock.instant(), runningAfter, doneAfter,
                endpoint().resolve(RESULTS.substring(1) + task.taskId + ".wav").toString());
        answer.put("RequestId", requestId);
        return answer;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
