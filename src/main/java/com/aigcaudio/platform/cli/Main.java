package com.aigcaudio.platform.cli;

import com.aigcaudio.config.Settings;
import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.function.AigcAudioFunction;
import com.aigcaudio.function.FunctionConfig;
import com.aigcaudio.function.InvocationFailedException;
import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;
import com.aigcaudio.log.Logger;
import com.aigcaudio.platform.lambda.LambdaInvoker;
import com.aigcaudio.platform.scf.ScfHandler;
import com.aigcaudio.tencent.auth.MissingCredentialsException;
import com.aigcaudio.trigger.InvalidEventException;
import com.aigcaudio.trigger.TriggerType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code java -jar aigc-audio-function.jar invoke EVENT.json}: runs the SCF handler on an event file and prints its
 * JSON result on stdout; logs go to stderr. With no credentials and no AIGC_ENDPOINT it uses the embedded emulator.
 * Exit status: 0 the invocation succeeded, 1 the handler failed, 2 bad usage, event file or configuration.
 * {@code serve} serves the HTTP trigger and its page locally ({@link ServeCommand}); {@code emulator} runs the
 * stand-in endpoint on its own ({@link EmulatorCommand}).
 */
public final class Main {
    static final int OK = 0;
    static final int HANDLER_FAILED = 1;
    static final int USAGE = 2;
    private static final Duration FOLLOW_LIMIT = Duration.ofMinutes(3);

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err, Settings.system());
        exit(status);
    }

    /**
     * Flushes what was printed, then halts: everything the process had to do is done and written, so no shutdown
     * hook is needed, and halting never waits on, joins or interrupts the JDK's own threads (the HTTP keep-alive
     * timer, an emulator's server threads), which is what made an orderly exit deadlock-prone.
     */
    static void exit(int status) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    static int run(String[] args, PrintStream out, PrintStream err, Settings settings) {
        if (args.length >= 1 && "emulator".equals(args[0])) {
            return EmulatorCommand.run(args, out, err, settings);
        }
        if (args.length >= 1 && "state".equals(args[0])) {
            return StateCommand.run(args, out, err, settings, Clock.systemUTC());
        }
        if (args.length >= 1 && "serve".equals(args[0])) {
            return ServeCommand.run(args, out, err, settings);
        }
        Options options = null;
        String problem = null;
        if (args.length >= 1 && "invoke".equals(args[0])) {
            try {
                options = Options.parse(args, Set.of("--time-limit-ms", "--emulator-ms"), Set.of("--follow"));
                if (options.positional().size() != 1) {
                    problem = "invoke needs one EVENT.json";
                }
            } catch (Options.BadOption e) {
                problem = e.getMessage();
            }
        }
        if (options == null || problem != null) {
            if (problem != null) {
                err.println(problem);
            }
            err.println("usage: java -jar aigc-audio-function.jar invoke [--follow] [--time-limit-ms N] "
                    + "[--emulator-ms RUNNING,DONE] EVENT.json");
            err.println("       java -jar aigc-audio-function.jar serve [--port N] [--emulator-ms RUNNING,DONE]");
            err.println("       java -jar aigc-audio-function.jar emulator [--port N] [--tls]");
            err.println(
                    "       java -jar aigc-audio-function.jar state [list|show|resolve|retry] [--json] (state --help)");
            return USAGE;
        }
        boolean follow = options.has("--follow");
        int timeLimitMs;
        Duration[] emulatorTimings;
        try {
            timeLimitMs = options.number("--time-limit-ms", 30_000, 1_000, 900_000);
            emulatorTimings = options.emulatorTimings();
        } catch (Options.BadOption e) {
            err.println(e.getMessage());
            return USAGE;
        }
        Logger.configure(err, Logger.Level.INFO);
        String eventName = options.positional().get(0);
        byte[] eventFile;
        try {
            eventFile = Files.readAllBytes(Path.of(eventName));
        } catch (IOException e) {
            err.println("cannot read " + eventName + ": " + e);
            return USAGE;
        }
        LocalRuntime local = null;
        try {
            local = LocalRuntime.start(settings, null, emulatorTimings, err);
            FunctionConfig config = local.config;
            settings = local.settings;
            Logger.configure(err, config.logLevel());
            AigcAudioFunction function = local.function;
            ScfHandler handler = new ScfHandler(function, Clock.systemUTC());
            Map<String, Object> event = parseEvent(eventName, eventFile, err);
            if (event == null) {
                return USAGE;
            }
            LocalContext context = new LocalContext("local-" + UUID.randomUUID(), timeLimitMs);
            Map<String, Object> result = AWS_SHAPES.contains(TriggerType.detect(event))
                    ? onLambda(function, event, context, err) : handler.handle(event, context);
            out.println(Json.toString(result));
            if (follow) {
                Map<String, Object> settled = Follow.untilSettled(handler, config.tracking().trackerTrigger(),
                        FOLLOW_LIMIT, timeLimitMs, err);
                err.println("--follow: " + (settled == null ? "stopped" : "every task settled; tracker "
                        + Json.toString(settled)));
            }
            return OK;
        } catch (InvocationFailedException e) {
            out.println(Json.toString(e.result()));
            err.println("invocation failed: some work failed and SCF or Lambda would retry the event");
            return HANDLER_FAILED;
        } catch (InvalidEventException e) {
            err.println("invocation failed: " + e.getMessage());
            return HANDLER_FAILED;
        } catch (ConfigurationException | MissingCredentialsException e) {
            err.println("configuration error: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("cannot start the emulator: " + e);
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("--follow: interrupted");
            return OK;
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    /** Events only AWS sends: run through the Lambda handler, as `sam local invoke` would. */
    private static final Set<TriggerType> AWS_SHAPES = EnumSet.of(TriggerType.S3,
            TriggerType.HTTP_API, TriggerType.SCHEDULE);

    private static Map<String, Object> onLambda(AigcAudioFunction function, Map<String, Object> event,
                                                LocalContext context, PrintStream err) throws IOException {
        err.println("an AWS event: running it through the Lambda handler");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LambdaInvoker.of(function).handle(new ByteArrayInputStream(Json.toBytes(event)), out,
                context.getRequestId(), context.getRemainingTimeInMillis());
        return Json.object(Json.parse(out.toByteArray()));
    }

    /** The event file's JSON object, or null after saying on err why it is not one. */
    private static Map<String, Object> parseEvent(String name, byte[] file, PrintStream err) {
        Object event;
        try {
            event = Json.parse(file);
        } catch (JsonSyntaxException e) {
            err.println(name + " is not valid JSON: " + e.getMessage());
            return null;
        }
        if (!(event instanceof Map)) {
            err.println(name + " must hold a JSON object (an SCF event)");
            return null;
        }
        Map<String, Object> map = Json.object(event);
        if (map.get("Body") instanceof String && map.containsKey("RequestId") && map.containsKey("ErrorCode")) {
            // An SCF dead-letter message ({RequestId, ErrorCode, ErrorMessage, Body}): replay the event it carries.
            err.println(name + " is a dead-letter message of request " + map.get("RequestId") + " (" + map.get(
                    "ErrorCode")
                    + "): replaying the event in its Body");
            return parseEvent(name + " Body", ((String) map.get("Body")).getBytes(StandardCharsets.UTF_8), err);
        }
        if (map.get("requestPayload") instanceof Map && map.get("requestContext") instanceof Map
                && ((Map<?, ?>) map.get("requestContext")).containsKey("condition")) {
            // A Lambda on-failure destination record: replay the event it carries.
            err.println(name + " is a Lambda failure record (" + ((Map<?, ?>) map.get("requestContext")).get(
                    "condition")
                    + "): replaying its requestPayload");
            return Json.object(map.get("requestPayload"));
        }
        return map;
    }
}
