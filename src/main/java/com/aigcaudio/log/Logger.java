package com.aigcaudio.log;

import com.aigcaudio.core.UtcStamps;
import com.aigcaudio.json.Json;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * One JSON object per line. Callers pass only non-secret fields; values are written as given, so never pass a
 * credential, an Authorization header or a token. Invocation-wide fields (request id, trigger…) come from
 * {@link #setContext}.
 */
public final class Logger {
    public enum Level { DEBUG, INFO, WARN, ERROR }

    private static volatile PrintStream out = System.out;
    private static volatile Level threshold = Level.INFO;
    private static volatile Clock clock = Clock.systemUTC();
    private static final ThreadLocal<Map<String, Object>> CONTEXT = ThreadLocal.withInitial(LinkedHashMap::new);
    /** Secret values as they appear inside a JSON string, blanked in every line written (the HTTP token). */
    private static final Set<String> SECRETS = new CopyOnWriteArraySet<>();

    private final String component;

    private Logger(String component) {
        this.component = component;
    }

    public static Logger get(Class<?> owner) {
        return new Logger(owner.getSimpleName());
    }

    /** Where lines go and the lowest level written. SCF's function log is stdout; the command line uses stderr. */
    public static void configure(PrintStream stream, Level level) {
        out = stream;
        threshold = level;
    }

    /**
     * Blanks {@code secret} wherever it appears in any field of any line from now on, at every level: a caller may
     * paste the token into a prompt. Null or empty values are ignored.
     */
    public static void redactEverywhere(String secret) {
        if (secret != null && !secret.isEmpty()) {
            String quoted = Json.toString(secret);
            SECRETS.add(quoted.substring(1, quoted.length() - 1));
        }
    }

    public static Level parseLevel(String name) {
        return Level.valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /** A copy of this thread's context, to carry an invocation's fields onto the threads that work for it. */
    public static Map<String, Object> context() {
        return new LinkedHashMap<>(CONTEXT.get());
    }

    /** Fields added to every line of this thread until cleared (one invocation). */
    public static void setContext(Map<String, Object> fields) {
        Map<String, Object> context = CONTEXT.get();
        context.clear();
        context.putAll(fields);
    }

    public static void putContext(String key, Object value) {
        CONTEXT.get().put(key, value);
    }

    public static void removeContext(String key) {
        CONTEXT.get().remove(key);
    }

    public static void clearContext() {
        CONTEXT.get().clear();
    }

    public boolean enabled(Level level) {
        return level.compareTo(threshold) >= 0;
    }

    public void debug(String message, Object... keyValues) {
        log(Level.DEBUG, message, keyValues);
    }

    public void info(String message, Object... keyValues) {
        log(Level.INFO, message, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        log(Level.WARN, message, keyValues);
    }

    public void error(String message, Object... keyValues) {
        log(Level.ERROR, message, keyValues);
    }

    public void log(Level level, String message, Object... keyValues) {
        if (enabled(level)) {
            write(level, message, keyValues);
        }
    }

    /** An INFO line written whatever the configured level: the metrics each invocation reports. */
    public void always(String message, Object... keyValues) {
        write(Level.INFO, message, keyValues);
    }

    private void write(Level level, String message, Object... keyValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", UtcStamps.iso(clock.instant()));
        line.put("level", level.name());
        line.put("message", message);
        line.put("logger", component);
        line.putAll(CONTEXT.get());
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        String text = Redaction.queryParameters(Json.toString(line));
        for (String secret : SECRETS) {
            text = text.replace(secret, Redaction.REDACTED);
        }
        PrintStream target = out;
        synchronized (target) {
            target.println(text);
        }
    }
}
