package com.aigcaudio.platform.cli;

import com.aigcaudio.emulator.AigcEmulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A command's flags: {@code --name value} for the named ones, bare {@code --name} for switches, the rest in order. */
final class Options {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> switches = new HashSet<>();
    private final List<String> positional = new ArrayList<>();

    /** Thrown with a message in our words for the usage line that follows it. */
    static final class BadOption extends Exception {
        BadOption(String message) {
            super(message);
        }
    }

    /** Parses {@code args} after the command name (args[0]). */
    static Options parse(String[] args, Set<String> withValue, Set<String> bare) throws BadOption {
        Options options = new Options();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (withValue.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new BadOption(arg + " needs a value");
                }
                options.values.put(arg, args[++i]);
            } else if (bare.contains(arg)) {
                options.switches.add(arg);
            } else if (arg.startsWith("--")) {
                throw new BadOption("unknown option " + arg);
            } else {
                options.positional.add(arg);
            }
        }
        return options;
    }

    boolean has(String name) {
        return switches.contains(name);
    }

    String value(String name) {
        return values.get(name);
    }

    /** {@code 90s}, {@code 15m}, {@code 6h} or {@code 3d}; null when absent. */
    Duration duration(String name) throws BadOption {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        Matcher m = Pattern.compile("([0-9]{1,6})([smhd])").matcher(value);
        if (!m.matches()) {
            throw new BadOption(name + " needs a number and a unit (s, m, h or d), such as 15m, got " + value);
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            default:
                return Duration.ofDays(n);
        }
    }

    List<String> positional() {
        return positional;
    }

    int number(String name, int fallback, int min, int max) throws BadOption {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new BadOption(name + " must be between " + min + " and " + max + ", got " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new BadOption(name + " needs a whole number, got " + value);
        }
    }

    /** {@code --emulator-ms RUNNING,DONE}: when the embedded emulator's tasks start running and finish. */
    Duration[] emulatorTimings() throws BadOption {
        String value = values.get("--emulator-ms");
        if (value == null) {
            return new Duration[] {AigcEmulator.RUNNING_AFTER, AigcEmulator.DONE_AFTER};
        }
        String[] parts = value.split(",");
        try {
            if (parts.length == 2) {
                long running = Long.parseLong(parts[0].trim());
                long done = Long.parseLong(parts[1].trim());
                if (running >= 0 && done >= running && done <= 600_000) {
                    return new Duration[] {Duration.ofMillis(running), Duration.ofMillis(done)};
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new BadOption("--emulator-ms needs RUNNING,DONE in milliseconds (0 <= RUNNING <= DONE <= 600000), got "
                + value);
    }
}
