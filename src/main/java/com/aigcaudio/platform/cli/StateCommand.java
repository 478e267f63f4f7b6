package com.aigcaudio.platform.cli;

import com.aigcaudio.aws.auth.AwsRoleCredentials;
import com.aigcaudio.config.Settings;
import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.Invocation;
import com.aigcaudio.core.InvocationResult;
import com.aigcaudio.emulator.AigcEmulator;
import com.aigcaudio.function.FunctionBuilder;
import com.aigcaudio.function.FunctionConfig;
import com.aigcaudio.idempotency.ClaimLostException;
import com.aigcaudio.json.Json;
import com.aigcaudio.log.Logger;
import com.aigcaudio.operate.ClaimResolver;
import com.aigcaudio.operate.StateEntry;
import com.aigcaudio.operate.StateReader;
import com.aigcaudio.store.StoreUnavailableException;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.tencent.auth.EnvironmentCredentials;
import com.aigcaudio.tencent.auth.MissingCredentialsException;
import com.aigcaudio.tencent.client.ApiException;
import com.aigcaudio.trigger.InvalidEventException;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code state}: what the state store holds and what a person decides about it, on the configuration the
 * function reads (by default the local store of {@code invoke} and {@code serve}). Exit status as {@code invoke}'s:
 * 0 done, 1 the store or the function failed, 2 bad usage, configuration, or a record not in the state asked for.
 */
final class StateCommand {
    static final String HELP = String.join("\n",
            "usage: java -jar aigc-audio-function.jar state [SUBCOMMAND] [--json]",
            "  state                      counts by status, and spend slots taken this hour and today",
            "  state list [--status S] [--since DURATION] [--limit N]",
            "                             one line per task or claim that needs a look, newest first; S is one of",
            "                             waiting running delivered failed expired unknown in-progress orphaned",
            "                             untracked; DURATION like 90s, 15m, 6h, 3d",
            "  state show KEY|TASKID      the whole record, credentials and signatures redacted",
            "  state resolve KEY --task-id T",
            "                             an unknown outcome whose task exists: record it; the tracker follows it",
            "  state resolve KEY --not-created --yes",
            "                             an unknown outcome whose task does not exist: the next delivery, the",
            "                             tracker's sweep or 'state retry KEY' creates it, once; if the task did",
            "                             exist, that is a second paid task: check first (docs/operations.md)",
            "  state retry KEY            redo a claim that never sent (orphaned, or resolved --not-created) now",
            "Reads AIGC_STATE like the function (default file:.aigc-local). Exit: 0 done, 1 store or function",
            "failed, 2 usage, configuration, or a record not in the state the subcommand needs.");
    private static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    private final Options options;
    private final List<String> words;
    private final boolean json;
    private final PrintStream out;
    private final PrintStream err;
    private final Settings settings;
    private final Clock clock;
    private final Deadline deadline;

    private StateCommand(Options options, PrintStream out, PrintStream err, Settings settings, Clock clock) {
        this.options = options;
        this.words = options.positional();
        this.json = options.has("--json");
        this.out = out;
        this.err = err;
        this.settings = settings;
        this.clock = clock;
        this.deadline = Deadline.after(clock, TIME_LIMIT);
    }

    static int run(String[] args, PrintStream out, PrintStream err, Settings settings, Clock clock) {
        Options options;
        try {
            options = Options.parse(args, Set.of("--status", "--since", "--limit", "--task-id"),
                    Set.of("--json", "--not-created", "--yes", "--help"));
        } catch (Options.BadOption e) {
            err.println(e.getMessage());
            err.println(HELP);
            return Main.USAGE;
        }
        List<String> words = options.positional();
        String sub = words.isEmpty() ? "summary" : words.get(0);
        if (options.has("--help") || "help".equals(sub)) {
            out.println(HELP);
            return Main.OK;
        }
        Logger.configure(err, Logger.Level.WARN);
        return new StateCommand(options, out, err, settings, clock).run(sub);
    }

    private int run(String sub) {
        try {
            FunctionConfig config = FunctionConfig.local(settings, null);
            FunctionBuilder builder = FunctionBuilder.of(config, new EnvironmentCredentials(settings.lookup()))
                    .aws(new AwsRoleCredentials(settings.lookup())).clock(clock);
            StateReader reader = new StateReader(builder.stateStore(), builder.claims(), config.state().keyPrefix(),
                    clock);
            ClaimResolver resolver = new ClaimResolver(builder.claims(), builder.stateStore(),
                    config.client().service(), config.tracking().firstCheck(), clock);
            switch (sub) {
                case "summary":
                    return summary(reader, config);
                case "list":
                    return list(reader);
                case "show":
                    return show(reader);
                case "resolve":
                    return resolve(resolver);
                case "retry":
                    return retry(resolver);
                default:
                    err.println("unknown subcommand '" + sub + "'");
                    err.println(HELP);
                    return Main.USAGE;
            }
        } catch (ConfigurationException e) {
            err.println("configuration error: " + e.getMessage());
            return Main.USAGE;
        } catch (ClaimResolver.Refused | ClaimLostException | InvalidEventException e) {
            err.println("refused: " + e.getMessage());
            return Main.USAGE;
        } catch (MissingCredentialsException e) {
            err.println("no credentials to read the state store: " + e.getMessage());
            return Main.USAGE;
        } catch (StoreUnavailableException e) {
            err.println("the state store failed: " + e.getMessage());
            return Main.HANDLER_FAILED;
        }
    }

    private int summary(StateReader reader, FunctionConfig config) {
        Map<StateEntry.Status, Integer> counts = StateReader.counts(reader.entries(deadline, this::unreadable));
        Map<String, Integer> spend = reader.spend(deadline);
        if (json) {
            Map<String, Object> byStatus = new LinkedHashMap<>();
            counts.forEach((status, n) -> byStatus.put(status.label(), n));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("counts", byStatus);
            answer.put("spend", spend);
            out.println(Json.toString(answer));
            return Main.OK;
        }
        out.println("state: " + config.state().location() + " (claims under " + config.state().keyPrefix() + ")");
        StringBuilder tasks = new StringBuilder("tasks ");
        StringBuilder claims = new StringBuilder("claims");
        counts.forEach((status, n) -> (status.ordinal() <= StateEntry.Status.EXPIRED.ordinal() ? tasks : claims)
                .append("  ").append(status.label()).append(' ').append(n));
        out.println(tasks);
        out.println(claims);
        List<String> windows = new ArrayList<>(spend.keySet());
        out.println("spend   " + windows.get(0) + ": " + spend.get(windows.get(0)) + " taken  " + windows.get(1) + ": "
                + spend.get(windows.get(1)) + " taken" + limits(config));
        return Main.OK;
    }

    /** One line on stderr for each record that cannot be read; the command goes on with the rest. */
    private void unreadable(String what) {
        err.println("unreadable " + what);
    }

    private static String limits(FunctionConfig config) {
        if (config.maxTasksPerHour() == null && config.maxTasksPerDay() == null) {
            return "  (no AIGC_MAX_TASKS_PER_HOUR / _PER_DAY)";
        }
        return "  (limits: " + (config.maxTasksPerHour() == null ? "-" : config.maxTasksPerHour()) + " an hour, "
                + (config.maxTasksPerDay() == null ? "-" : config.maxTasksPerDay()) + " a day)";
    }

    private int list(StateReader reader) {
        StateEntry.Status status = null;
        Duration since;
        int limit;
        try {
            String wanted = options.value("--status");
            if (wanted != null) {
                status = StateEntry.Status.ofLabel(wanted);
                if (status == null) {
                    throw new Options.BadOption("--status: unknown status '" + wanted + "'");
                }
            }
            since = options.duration("--since");
            limit = options.number("--limit", 100, 1, 100_000);
        } catch (Options.BadOption e) {
            err.println(e.getMessage());
            err.println(HELP);
            return Main.USAGE;
        }
        Instant now = clock.instant();
        List<Object> rows = new ArrayList<>();
        for (StateEntry entry : reader.entries(deadline, this::unreadable)) {
            if (rows.size() >= limit) {
                break;
            }
            if (status != null && entry.status() != status
                    || since != null && (entry.since() == null || entry.since().isBefore(now.minus(since)))) {
                continue;
            }
            rows.add(json ? entry.toJson(now) : entry.toLine(now));
        }
        if (json) {
            out.println(Json.toString(rows));
        } else {
            rows.forEach(out::println);
        }
        return Main.OK;
    }

    private int show(StateReader reader) {
        if (words.size() != 2) {
            err.println("state show needs one KEY or TASKID");
            return Main.USAGE;
        }
        Map<String, Object> record = reader.show(words.get(1), deadline);
        if (record == null) {
            err.println("no record " + words.get(1));
            return Main.USAGE;
        }
        out.println(Json.toString(record));
        return Main.OK;
    }

    private int resolve(ClaimResolver resolver) {
        String taskId = options.value("--task-id");
        if (words.size() != 2 || (taskId == null) == !options.has("--not-created")) {
            err.println("state resolve needs one KEY and either --task-id T or --not-created");
            return Main.USAGE;
        }
        if (taskId == null && !options.has("--yes")) {
            err.println("--not-created tells the function that this request created no task, so the next delivery "
                    + "creates one. If the service did create it, that is a second paid task. Check first: find the "
                    + "request's RequestId in the log and look for a task created then (docs/operations.md, "
                    + "Unknown outcomes); then add --yes.");
            return Main.USAGE;
        }
        String key = words.get(1);
        if (taskId != null) {
            try (LocalRuntime local = LocalRuntime.start(settings, null, new Duration[] {
                    AigcEmulator.RUNNING_AFTER, AigcEmulator.DONE_AFTER}, err)) {
                AigcAudioTasks service = local.tasks();
                Long subAppId = local.config.defaults().subAppId();
                resolver.taskExists(key, taskId, id -> exists(service, id, subAppId), deadline);
            } catch (IOException e) {
                err.println("cannot start the emulator: " + e);
                return Main.USAGE;
            }
        } else {
            resolver.notCreated(key, deadline);
        }
        String done = taskId != null ? "recorded task " + taskId + "; the tracker follows it"
                : "marked not created; the next delivery, the tracker's sweep or 'state retry' creates it once";
        out.println(json ? Json.toString(Map.of("key", key, "resolved", taskId != null ? "taskExists" : "notCreated"))
                : key + ": " + done);
        return Main.OK;
    }

    /** Whether the service knows the task: a status query; any answer but "no such task" is a failure to say so. */
    private boolean exists(AigcAudioTasks service, String taskId, Long subAppId) {
        try {
            service.describe(taskId, subAppId, deadline);
            return true;
        } catch (ApiException e) {
            if (e.code().startsWith("ResourceNotFound") || e.code().startsWith("InvalidParameter")) {
                return false;
            }
            throw new ClaimResolver.Refused("could not ask the service about task " + taskId + " (" + e.code()
                    + "); nothing was written");
        }
    }

    private int retry(ClaimResolver resolver) {
        if (words.size() != 2) {
            err.println("state retry needs one KEY");
            return Main.USAGE;
        }
        Map<?, ?> event = resolver.retryEvent(words.get(1), deadline);
        try (LocalRuntime local = LocalRuntime.start(settings, null, new Duration[] {
                AigcEmulator.RUNNING_AFTER, AigcEmulator.DONE_AFTER},
                        err)) {
            Clock real = Clock.systemUTC();
            InvocationResult result = local.function.invoke(event, new Invocation("state-retry-" + UUID.randomUUID(),
                    Invocation.deadline(real, real.instant(), TIME_LIMIT), false));
            out.println(Json.toString(result.body()));
            return result.failed() ? Main.HANDLER_FAILED : Main.OK;
        } catch (IOException e) {
            err.println("cannot start the emulator: " + e);
            return Main.USAGE;
        }
    }
}
