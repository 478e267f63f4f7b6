package com.aigcaudio.config;

import com.aigcaudio.core.ConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every AIGC_* variable the function reads, with its default, scope and meaning: start-up reads no other
 * (Settings refuses an unregistered name), and docs/configuration.md documents each (a test checks both). Names
 * replaced in earlier versions stop the start with a message naming their replacement.
 */
public final class Variables {
    /** Who sets a variable: every deploy, SCF or AWS only, or rarely (defaults that fit). */
    public enum Scope { ALL, SCF, AWS, ADVANCED }

    /** One registered variable. */
    public static final class Variable {
        private final String name;
        private final String fallback;
        private final Scope scope;
        private final String meaning;

        Variable(String name, String fallback, Scope scope, String meaning) {
            this.name = name;
            this.fallback = fallback;
            this.scope = scope;
            this.meaning = meaning;
        }

        public String name() {
            return name;
        }

        /** The default as documented ("" when there is none). */
        public String fallback() {
            return fallback;
        }

        public Scope scope() {
            return scope;
        }

        public String meaning() {
            return meaning;
        }
    }

    private static final Map<String, Variable> REGISTRY = new LinkedHashMap<>();

    static {
        add("AIGC_SERVICE", "vod", Scope.ALL, "vod or mps: which service's CreateAigcAudioTask is called");
        add("AIGC_STATE", "file:.aigc-local (invoke, serve)", Scope.ALL, "where claims, tracking records and spend "
                + "slots live: cos://<bucket-appid>.<region>/<prefix>, s3://<bucket>/<prefix>, file:<dir>, memory:; "
                + "required on SCF and Lambda");
        add("AIGC_RESULTS", "the state bucket under soundtracks/", Scope.ALL, "where soundtracks are copied, same "
                + "forms as AIGC_STATE; none keeps the service's own expiring URL");
        add("AIGC_TASK_DEFAULTS", "", Scope.ALL, "one JSON object in the API's vocabulary laid under every request, "
                + "e.g. {\"ModelName\":\"MiniMaxMusic\",\"SubAppId\":251441341}");
        add("AIGC_PROMPT", "", Scope.ALL, "prompt template: {key} {bucket} {filename} {region} (uploads), "
                + "{trigger} {time} (timers)");
        add("AIGC_MPS_OUTPUT", "", Scope.ALL, "MPS StoreCosParam as cos://<bucket-appid>.<region>/<path>");
        add("AIGC_COS_BUCKETS", "", Scope.SCF, "input buckets the function accepts (comma-separated); empty: any");
        add("AIGC_COS_PREFIXES", "", Scope.SCF, "input key prefixes, as the COS trigger's filter");
        add("AIGC_COS_SUFFIXES", "", Scope.SCF, "input key suffixes, as the COS trigger's filter");
        add("AIGC_COS_OUTPUT_PREFIX", "", Scope.ADVANCED, "where the service writes results in your bucket; "
                + "refused when inside the input filters");
        add("AIGC_HTTP_TOKEN", "", Scope.ALL, "bearer token HTTP callers must send (16+ characters); empty: none");
        add("AIGC_HTTP_CORS_ORIGINS", "", Scope.ADVANCED, "origins of pages allowed to call from a browser");
        add("AIGC_HTTP_PATH", "/tasks", Scope.ADVANCED, "the HTTP route");
        add("AIGC_HTTP_MAX_BODY_BYTES", "65536", Scope.ADVANCED, "largest HTTP body accepted");
        add("AIGC_HTTP_CALLER_FIELDS", "", Scope.ADVANCED, "fields HTTP callers may set; empty: the creative ones");
        add("AIGC_MEDIA_URL", "presigned", Scope.ADVANCED, "presigned or object: how uploads reach the service");
        add("AIGC_MEDIA_URL_TTL_SECONDS", "3600", Scope.ADVANCED, "lifetime of presigned media URLs");
        add("AIGC_MEDIA_URL_ALLOWED_HOSTS", "", Scope.ADVANCED, "host suffixes caller media URLs must end with");
        add("AIGC_NOTIFY_URL", "", Scope.ALL, "webhook for terminal states, signed with HMAC-SHA256");
        add("AIGC_NOTIFY_SECRET", "", Scope.ALL, "the webhook's HMAC key (16+ characters); a secret");
        add("AIGC_MAX_CONCURRENCY", "", Scope.ALL, "the function's concurrency cap; the per-instance API rate is "
                + "derived from it (20 per second per account / cap)");
        add("AIGC_MAX_TASKS_PER_DAY", "", Scope.ALL, "spend guard: tasks per UTC day; empty: no limit");
        add("AIGC_MAX_TASKS_PER_HOUR", "", Scope.ALL, "spend guard: tasks per hour; empty: no limit");
        add("AIGC_DRY_RUN", "false", Scope.ADVANCED, "plan, validate and log every task, call nothing");
        add("AIGC_LOG_LEVEL", "INFO", Scope.ADVANCED, "DEBUG, INFO, WARN or ERROR");
        add("AIGC_LOG_EVENTS", "false", Scope.ADVANCED, "log each received event, redacted");
        add("AIGC_ENDPOINT", "the service's host", Scope.ADVANCED, "API endpoint override (a stand-in, a proxy)");
        add("AIGC_INTERNATIONAL", "false", Scope.ADVANCED, "use the intl API host");
        add("AIGC_LANGUAGE", "", Scope.ADVANCED, "zh-CN or en-US: the API's error message language");
        add("AIGC_CONNECT_TIMEOUT_MS", "3000", Scope.ADVANCED, "connect timeout of every remote call");
        add("AIGC_REQUEST_TIMEOUT_MS", "10000", Scope.ADVANCED, "API request timeout, capped by the deadline");
        add("AIGC_MAX_ATTEMPTS", "3", Scope.ADVANCED, "API attempts for transient errors");
        add("AIGC_ACCOUNT_RATE_LIMIT", "20", Scope.ADVANCED, "the account's CreateAigcAudioTask calls per second");
        add("AIGC_CONNECTION_WARMUP", "true", Scope.ADVANCED, "open the API connection during the cold start");
        add("AIGC_IDEMPOTENCY_KEY_PREFIX", "aigc-audio", Scope.ADVANCED, "names this function's claims in a shared "
                + "state location");
        add("AIGC_IDEMPOTENCY_TTL_SECONDS", "259200", Scope.ADVANCED, "how long a claim deduplicates redeliveries");
        add("AIGC_IDEMPOTENCY_IN_PROGRESS_SECONDS", "60", Scope.ADVANCED, "how long a claim blocks before it may "
                + "be taken over");
        add("AIGC_RESULT_FORMAT", "the task's format, else mp3", Scope.ADVANCED, "mp3 or wav: delivered file name");
        add("AIGC_RESULT_MAX_BYTES", "104857600", Scope.ADVANCED, "largest soundtrack copied");
        add("AIGC_TRACKER_TRIGGER", "aigc-tracker", Scope.ADVANCED, "the timer that runs the tracker");
        add("AIGC_TRACKER_FIRST_CHECK_MS", "10000", Scope.ADVANCED, "first interval between checks of a task");
        add("AIGC_COS_ENDPOINT", "", Scope.ADVANCED, "URL for every COS bucket ({bucket} is replaced), e.g. a "
                + "private endpoint");
        add("AIGC_S3_ENDPOINT", "", Scope.ADVANCED, "S3-compatible server for every S3 bucket, addressed path-style");
        add("AIGC_TENCENT_SECRET_ARN", "", Scope.AWS, "Secrets Manager secret holding the Tencent Cloud key");
        add("AIGC_SECRETS_MANAGER_ENDPOINT", "", Scope.AWS, "Secrets Manager endpoint override (VPC endpoint)");
        add("AIGC_METRICS_NAMESPACE", "aigc-audio-function", Scope.AWS, "CloudWatch namespace of the metrics "
                + "each invocation writes (Embedded Metric Format)");
    }

    private Variables() {
    }

    private static void add(String name, String fallback, Scope scope, String meaning) {
        REGISTRY.put(name, new Variable(name, fallback, scope, meaning));
    }

    /** Loaded on first use: a start whose environment holds no unregistered AIGC_* name never reads it. */
    private static final class Replaced {
        static final Map<String, String> TABLE = load();
    }

    /** Names of earlier versions → what replaced them (kept as data: the code reads none of them). */
    private static Map<String, String> load() {
        Properties table = new Properties();
        try (InputStream in = Variables.class.getResourceAsStream("/replaced-variables.properties")) {
            table.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> replaced = new TreeMap<>();
        table.forEach((name, replacement) -> replaced.put((String) name, (String) replacement));
        return Collections.unmodifiableMap(replaced);
    }

    public static List<Variable> all() {
        return new ArrayList<>(REGISTRY.values());
    }

    public static boolean registered(String name) {
        return REGISTRY.containsKey(name);
    }

    public static Map<String, String> replaced() {
        return Replaced.TABLE;
    }

    /**
     * Refuses a start whose environment sets an AIGC_* name this function does not read: a misspelt
     * AIGC_MAX_TASKS_PER_DAYS would otherwise leave the spend guard silently off. A name of an earlier version names
     * its replacement; any other names the closest registered name.
     *
     * @throws ConfigurationException naming the first such variable
     */
    public static void refuseUnregistered(Settings settings) {
        Set<String> set = settings.names();
        if (set == null) {
            // A lookup that cannot list its names (a map's get): only the names of earlier versions can be asked.
            set = new TreeSet<>();
            for (String old : replaced().keySet()) {
                if (settings.lookup().apply(old) != null) {
                    set.add(old);
                }
            }
        }
        for (String name : new TreeSet<>(set)) {
            if (!name.startsWith("AIGC_") || registered(name)) {
                continue;
            }
            String replacement = replaced().get(name);
            if (replacement != null) {
                throw new ConfigurationException(name, "no longer read: " + replacement + " (docs/configuration.md)");
            }
            throw new ConfigurationException(name, "is not a variable of this function; did you mean "
                    + closest(name) + "? Every variable: docs/configuration.md");
        }
    }

    /** The registered name fewest single-character edits away. */
    static String closest(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : REGISTRY.keySet()) {
            int distance = editDistance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
