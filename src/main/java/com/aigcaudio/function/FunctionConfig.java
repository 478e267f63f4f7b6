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

    /** Reads every part in dependency order: the service, its defaults, state, tracking, then what uses them. */
    private FunctionConfig(Settings settings, String defaultState, URI localBaseUrl) {
        Variables.refuseUnregistered(settings);
        this.client = ClientSettings.from(settings);
        this.defaults = TaskDefaults.from(settings, client.service());
        this.state = StateConfig.from(settings, defaultState, localBaseUrl);
        this.tracking = TrackingConfig.from(settings, state.location(), defaults.outputFormat());
        Map<String, Object> store = defaults.storeCosParam();
        this.cos = CosScope.from(settings, defaults.mpsOutputBucket(),
                store == null ? null : (String) store.get("CosBucketPath"), tracking);
        this.logLevel = Logger.parseLevel(settings.oneOf("AIGC_LOG_LEVEL", "INFO", "DEBUG", "INFO", "WARN", "ERROR"));
        this.http = HttpSettings.from(settings, client.service());
        this.mediaUrls = MediaUrlSettings.from(settings);
        this.logEvents = settings.bool("AIGC_LOG_EVENTS", false);
        this.dryRun = settings.bool("AIGC_DRY_RUN", false);
        this.maxTasksPerDay = limit(settings, "AIGC_MAX_TASKS_PER_DAY");
        this.maxTasksPerHour = limit(settings, "AIGC_MAX_TASKS_PER_HOUR");
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
     * The configuration under the SCF and Lambda handlers: as {@link #from}, and the state must be shared by every
     * instance. With memory: or file: each instance keeps its own claims, so one upload delivered to two instances
     * would create two paid tasks.
     *
     * @throws ConfigurationException naming the first invalid variable
     */
    public static FunctionConfig platform(Settings settings) {
        FunctionConfig config = from(settings);
        if (!config.state().location().isBucket()) {
            throw new ConfigurationException("AIGC_STATE", "must be a bucket every instance shares, e.g. "
                    + "cos://state-1250000000.ap-guangzhou/aigc/ or s3://my-state-bucket/aigc/, got "
                    + config.state().location() + ": memory: and file: keep claims per instance, so one upload "
                    + "delivered to two instances would create two paid tasks");
        }
        return config;
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
        return new FunctionConfig(settings, defaultState, localBaseUrl);
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
