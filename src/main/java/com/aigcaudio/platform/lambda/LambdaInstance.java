package com.aigcaudio.platform.lambda;

import com.aigcaudio.aws.auth.AwsRoleCredentials;
import com.aigcaudio.aws.secrets.SecretsManagerClient;
import com.aigcaudio.config.Settings;
import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.core.Deadline;
import com.aigcaudio.function.AigcAudioFunction;
import com.aigcaudio.function.FunctionBuilder;
import com.aigcaudio.function.FunctionConfig;
import com.aigcaudio.log.Logger;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.tencent.auth.EnvironmentCredentials;
import com.aigcaudio.tencent.auth.MissingCredentialsException;
import com.aigcaudio.tencent.client.ConnectionWarmup;
import com.aigcaudio.transport.UrlConnectionTransport;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one Lambda instance builds once: the function, and the Tencent credentials it signs with, from the
 * environment (TENCENTCLOUD_SECRET_ID / _KEY) or from Secrets Manager (AIGC_TENCENT_SECRET_ARN).
 */
public final class LambdaInstance {
    private static final String ARN = "arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):\\d{12}:secret:.+";

    private final AigcAudioFunction function;
    private final SecretCredentials secret;

    private LambdaInstance(AigcAudioFunction function, SecretCredentials secret) {
        this.function = function;
        this.secret = secret;
    }

    static LambdaInstance fromEnvironment() {
        Settings settings = Settings.system();
        ConnectionWarmup early = FunctionBuilder.warmUpEarly(settings);
        FunctionConfig config = FunctionConfig.platform(settings);
        Logger.configure(System.out, config.logLevel());
        return from(settings, config, Clock.systemUTC(), early);
    }

    /**
     * Also for tests and the command line, with their own variables.
     *
     * @param early the connection warm-up {@link FunctionBuilder#warmUpEarly} started, or null
     */
    public static LambdaInstance from(Settings settings, FunctionConfig config, Clock clock, ConnectionWarmup early) {
        // The AWS endpoints (container credentials, Secrets Manager) share one transport.
        UrlConnectionTransport awsTransport = new UrlConnectionTransport(Duration.ofSeconds(2));
        AwsRoleCredentials aws = new AwsRoleCredentials(settings.lookup(), awsTransport, clock);
        if (!aws.configured()) {
            // Lambda always provides the role's credentials: their absence is a broken environment, told at start.
            throw new ConfigurationException("AWS_ACCESS_KEY_ID", "no AWS credentials in the environment (neither "
                    + "AWS_ACCESS_KEY_ID nor, with SnapStart, AWS_CONTAINER_CREDENTIALS_FULL_URI)");
        }
        CredentialsProvider credentials;
        SecretCredentials secret = secretCredentials(settings, aws, awsTransport, clock);
        if (secret != null) {
            credentials = secret;
        } else {
            EnvironmentCredentials environment = new EnvironmentCredentials(settings.lookup());
            try {
                environment.credentials();
            } catch (MissingCredentialsException e) {
                throw new ConfigurationException("AIGC_TENCENT_SECRET_ARN", "no Tencent Cloud key: name the Secrets "
                        + "Manager secret that holds it (template.yaml's TencentSecretArn), or set "
                        + "TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY");
            }
            credentials = environment;
        }
        return new LambdaInstance(FunctionBuilder.of(config, credentials).warmup(early).aws(aws).clock(clock)
                .metricsNamespace(metricsNamespace(settings)).build(), secret);
    }

    /**
     * The Tencent Cloud key held in the Secrets Manager secret AIGC_TENCENT_SECRET_ARN names, or null when it names
     * none; read by the deployed function and by the command line alike.
     */
    public static SecretCredentials secretCredentials(Settings settings, AwsRoleCredentials aws,
                                                      UrlConnectionTransport transport, Clock clock) {
        String arn = settings.string("AIGC_TENCENT_SECRET_ARN");
        if (arn == null) {
            return null;
        }
        Matcher m = Pattern.compile(ARN).matcher(arn);
        if (!m.matches()) {
            throw new ConfigurationException("AIGC_TENCENT_SECRET_ARN",
                    "expected a Secrets Manager secret ARN, arn:aws:secretsmanager:<region>:<account>:secret:<name>");
        }
        URI endpoint = settings.endpointUrl("AIGC_SECRETS_MANAGER_ENDPOINT",
                "https://secretsmanager.eu-west-1.amazonaws.com");
        return new SecretCredentials(new SecretsManagerClient(
                endpoint != null ? endpoint : SecretsManagerClient.endpointFor(m.group(1)), m.group(1), aws,
                transport, clock), arn, clock);
    }

    /** AIGC_METRICS_NAMESPACE, read on its own so that a start that failed elsewhere still writes its metrics. */
    static String metricsNamespace(Settings settings) {
        String namespace = settings.lookup().apply("AIGC_METRICS_NAMESPACE");
        return namespace == null || namespace.isBlank() ? "aigc-audio-function" : namespace.trim();
    }

    /** An instance around a function built elsewhere (the command line, with its emulator credentials). */
    public static LambdaInstance of(AigcAudioFunction function) {
        return new LambdaInstance(function, null);
    }

    AigcAudioFunction function() {
        return function;
    }

    void loadSecrets(Deadline deadline) {
        if (secret != null) {
            secret.load(deadline);
        }
    }

    void close() {
        if (secret != null) {
            secret.forget();
        }
    }
}
