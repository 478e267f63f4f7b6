package com.aigcaudio.function;

import com.aigcaudio.config.ClientSettings;
import com.aigcaudio.config.CosScope;
import com.aigcaudio.config.HttpSettings;
import com.aigcaudio.config.MediaUrlSettings;
import com.aigcaudio.config.Settings;
import com.aigcaudio.config.StateConfig;
import com.aigcaudio.config.TrackingConfig;
import com.aigcaudio.config.Variables;
import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.log.Logger;
import com.aigcaudio.plan.TaskDefaults;
import com.aigcaudio.tencent.client.ClientConfig;

import java.net.URI;
import java.util.Map;

/** Everything the function reads from its environment, validated once at start. */
public final class FunctionConfig {
    private final ClientConfig client;
    private final TaskDefaults defaults;
    private final CosScope cos;
    private final HttpSettings http;
    private final StateConfig state;
    private final MediaUrlSettings mediaUrls;
    private final TrackingConfig tracking;
    private final Logger.Level logLevel;
    private final boolean logEvents;
    private final boolean dryRun;
    private final Integer maxTasksPerDay;
    private final Integer maxTasksPerHour;

    public FunctionConfig(ClientConfig client, TaskDefaults defaults, CosScope cos, HttpSettings http,
                          StateConfig state, MediaUrlSettings mediaUrls, TrackingConfig tracking, Logger.Level logLevel,
                          boolean logEvents, boolean dryRun, Integer maxTasksPerDay, Integer maxTasksPerHour) {
        this.client = client;
        this.defaults = defaults;
        this.cos = cos;
        this.http = http;
        this.state = state;
        this.mediaUrls = mediaUrls;
        this.tracking = tracking;
        this.logLevel = logLevel;
        this.logEvents = logEvents;
        this.dryRun = dryRun;
        this.maxTasksPerDay = maxTasksPerDay;
        this.maxTasksPerHour = maxTasksPerHour;
    }

    /**
     * The function's configuration on SCF and Lambda: AIGC_STATE is required.
     *
     * @throws ConfigurationException naming the first invalid variable
     */
    public static FunctionConfig from(Settings settings) {
        return from(settings, null, null);
    }

    /**
     * The configuration of `invoke` and `serve`: state defaults to {@value #LOCAL_STATE}.
     *
     * @param localBaseUrl where `serve` publishes that directory, or null
     */
    public static FunctionConfig local(Settings settings, URI localBaseUrl) {
        return from(settings, LOCAL_STATE, localBaseUrl);
    }

    public static final String LOCAL_STATE = "file:.aigc-local";

    private static FunctionConfig from(Settings settings, String defaultState, URI localBaseUrl) {
        Variables.refuseReplaced(settings);
        ClientConfig client = ClientSettings.from(settings);
        TaskDefaults defaults = TaskDefaults.from(settings, client.service());
        StateConfig state = StateConfig.from(settings, defaultState, localBaseUrl);
        TrackingConfig tracking = TrackingConfig.from(settings, state.location(), defaults.outputFormat());
        Map<String, Object> store = defaults.storeCosParam();
        CosScope cos = CosScope.from(settings, defaults.mpsOutputBucket(),
                store == null ? null : (String) store.get("CosBucketPath"), tracking);
        Logger.Level level = Logger.parseLevel(settings.oneOf("AIGC_LOG_LEVEL", "INFO", "DEBUG", "INFO", "WARN", "ERROR"));
        return new FunctionConfig(client, defaults, cos, HttpSettings.from(settings, client.service()), state,
                MediaUrlSettings.from(settings), tracking, level, settings.bool("AIGC_LOG_EVENTS", false),
                settings.bool("AIGC_DRY_RUN", false), limit(settings, "AIGC_MAX_TASKS_PER_DAY"),
                limit(settings, "AIGC_MAX_TASKS_PER_HOUR"));
    }

    private static Integer limit(Settings settings, String name) {
        Long value = settings.optionalLong(name, 1, 1_000_000);
        return value == null ? null : value.intValue();
    }

    public ClientConfig client() {
        return client;
    }

    public TaskDefaults defaults() {
        return defaults;
    }

    public CosScope cos() {
        return cos;
    }

    public HttpSettings http() {
        return http;
    }

    public StateConfig state() {
        return state;
    }

    public TrackingConfig tracking() {
        return tracking;
    }

    public MediaUrlSettings mediaUrls() {
        return mediaUrls;
    }

    /** AIGC_DRY_RUN: plan, validate and log every task, call nothing. */
    public boolean dryRun() {
        return dryRun;
    }

    /** AIGC_MAX_TASKS_PER_DAY (UTC day), or null: no limit. */
    public Integer maxTasksPerDay() {
        return maxTasksPerDay;
    }

    /** AIGC_MAX_TASKS_PER_HOUR, or null: no limit. */
    public Integer maxTasksPerHour() {
        return maxTasksPerHour;
    }

    public Logger.Level logLevel() {
        return logLevel;
    }

    /** Whether each received event is logged (secrets redacted, long strings cut). Off by default. */
    public boolean logEvents() {
        return logEvents;
    }
}
