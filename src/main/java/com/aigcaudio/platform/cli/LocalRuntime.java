package com.aigcaudio.platform.cli;

import com.aigcaudio.aws.auth.AwsCredentials;
import com.aigcaudio.aws.auth.AwsRoleCredentials;
import com.aigcaudio.config.ClientSettings;
import com.aigcaudio.config.Settings;
import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.Service;
import com.aigcaudio.emulator.AigcEmulator;
import com.aigcaudio.function.AigcAudioFunction;
import com.aigcaudio.function.FunctionBuilder;
import com.aigcaudio.function.FunctionConfig;
import com.aigcaudio.platform.lambda.LambdaInstance;
import com.aigcaudio.platform.lambda.SecretCredentials;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.tencent.auth.EnvironmentCredentials;
import com.aigcaudio.tencent.client.ConnectionWarmup;
import com.aigcaudio.tencent.client.TencentCloudClient;
import com.aigcaudio.transport.UrlConnectionTransport;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The function as the command line runs it: with the environment's credentials, or, with none and no
 * AIGC_ENDPOINT, on the embedded emulator (its tasks checked after 1 s, not 10: it finishes them in seconds).
 */
final class LocalRuntime implements AutoCloseable {
    final Settings settings;
    final FunctionConfig config;
    final AigcAudioFunction function;
    /** The key the function calls the API with (the emulator's, when it runs). */
    private final CredentialsProvider credentials;
    private final AigcEmulator emulator;

    private LocalRuntime(Settings settings, FunctionConfig config, AigcAudioFunction function, AigcEmulator emulator,
                         CredentialsProvider credentials) {
        this.credentials = credentials;
        this.settings = settings;
        this.config = config;
        this.function = function;
        this.emulator = emulator;
    }

    /**
     * @param localBaseUrl where `serve` publishes the local state directory, or null
     * @param emulatorTimings when the embedded emulator's tasks start running and finish (--emulator-ms)
     */
    private static final Duration SECRET_TIMEOUT = Duration.ofSeconds(10);

    static LocalRuntime start(Settings base, URI localBaseUrl, Duration[] emulatorTimings, PrintStream err)
            throws IOException {
        Settings settings = base;
        EnvironmentCredentials environment = new EnvironmentCredentials(settings.lookup());
        CredentialsProvider credentials = environment;
        AigcEmulator emulator = null;
        // The command line finds the key as the deployed function does, the Secrets Manager secret included.
        UrlConnectionTransport awsTransport = new UrlConnectionTransport(Duration.ofSeconds(2));
        SecretCredentials secret = LambdaInstance.secretCredentials(settings,
                new AwsRoleCredentials(settings.lookup(), awsTransport, Clock.systemUTC()), awsTransport,
                Clock.systemUTC());
        if (secret != null) {
            secret.load(Deadline.after(Clock.systemUTC(), SECRET_TIMEOUT));
            credentials = secret;
        } else if (environment.find() == null && settings.string("AIGC_ENDPOINT") == null) {
            refuseEmulatorOnACloudStore(settings);
            Service service = ClientSettings.service(settings);
            emulator = AigcEmulator.start(service, 0, null,
                    emulatorTimings[0], emulatorTimings[1], Clock.systemUTC());
            err.println("No Tencent Cloud credentials and no AIGC_ENDPOINT: using the embedded " + service
                    + " emulator at " + emulator.endpoint() + " (no real task is created).");
            String endpoint = emulator.endpoint().toString();
            settings = settings.withValues(Map.of("AIGC_ENDPOINT", endpoint))
                    .withDefaults(Map.of("AIGC_TRACKER_FIRST_CHECK_MS", "1000"));
            credentials = CredentialsProvider.fixed(AigcEmulator.CREDENTIALS);
        }
        try {
            // As on SCF, the connection warm-up starts first, before the configuration is read and any event.
            ConnectionWarmup early = FunctionBuilder.warmUpEarly(settings);
            FunctionConfig config = FunctionConfig.local(settings, localBaseUrl);
            AigcAudioFunction function = FunctionBuilder.of(config, credentials).warmup(early)
                    .aws(awsCredentials(settings, emulator != null)).build();
            return new LocalRuntime(settings, config, function, emulator, credentials);
        } catch (RuntimeException e) {
            if (emulator != null) {
                emulator.close();
            }
            throw e;
        }
    }

    /**
     * Nothing that may create a task runs on the emulator against a cloud state store: it would record emulated
     * tasks for real work (the real task never created). A local store is where the emulator belongs.
     */
    private static void refuseEmulatorOnACloudStore(Settings settings) {
        String state = settings.string("AIGC_STATE");
        if (state != null && (state.startsWith("cos://") || state.startsWith("s3://"))) {
            throw new ConfigurationException("TENCENTCLOUD_SECRET_ID", "no Tencent Cloud credentials found "
                    + "(looked for TENCENTCLOUD_SECRET_ID and _SECRET_KEY, TENCENTCLOUD_SECRETID and _SECRETKEY, and "
                    + "AIGC_TENCENT_SECRET_ARN with AWS credentials), and AIGC_STATE is a cloud bucket: the embedded "
                    + "emulator would record emulated tasks for real work. Set the deployment's credentials, or use "
                    + "AIGC_STATE=file:<dir> to try the emulator");
        }
    }

    /**
     * The AWS role's credentials from the environment; with the emulator and none set, stand-ins, so that S3
     * events get (unusable) presigned URLs instead of an error: the emulator never fetches them.
     */
    private static Supplier<AwsCredentials> awsCredentials(Settings settings, boolean emulated) {
        AwsRoleCredentials environment = new AwsRoleCredentials(settings.lookup());
        if (!emulated || settings.string("AWS_ACCESS_KEY_ID") != null) {
            return environment;
        }
        AwsCredentials standIn = new AwsCredentials("AKIDLOCALEMULATOR", "local-emulator-not-a-secret", null);
        return () -> standIn;
    }

    /** The service's task queries, with the function's endpoint and key, for an operator's checks. */
    AigcAudioTasks tasks() {
        return new AigcAudioTasks(new TencentCloudClient(config.client(), credentials));
    }

    @Override
    public void close() {
        if (emulator != null) {
            emulator.close();
        }
    }
}
