package com.aigcaudio.tencent.client;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.Service;
import com.aigcaudio.emulator.AigcEmulator;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.tencent.aigc.VodAudioTask;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.testing.SelfSignedTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS trust comes from the standard JSSE properties. The default SSLContext is made once per JVM, so each case runs
 * the client in a fresh JVM against the emulator serving HTTPS with a certificate made here by keytool.
 */
class JsseTrustStoreIT {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void create_overHttps_trustsOnlyWhatJavaxNetSslTrustStoreSays(@TempDir Path dir) throws Exception {
        Path keys = SelfSignedTls.keyStore(dir);
        Path trust = dir.resolve("trust.p12");
        Path cert = dir.resolve("server.pem");
        SelfSignedTls.keytool("-exportcert", "-alias", SelfSignedTls.ALIAS, "-keystore", keys.toString(), "-storepass",
                SelfSignedTls.PASSWORD, "-rfc", "-file", cert.toString());
        SelfSignedTls.keytool("-importcert", "-noprompt", "-alias", "s", "-file", cert.toString(), "-keystore",
                trust.toString(), "-storetype", "PKCS12", "-storepass", "changeit");

        try (AigcEmulator emulator = AigcEmulator.start(Service.VOD, 0, SelfSignedTls.serverContext(keys))) {
            Result trusted = client(emulator.endpoint(), "-Djavax.net.ssl.trustStore=" + trust,
                    "-Djavax.net.ssl.trustStorePassword=changeit");
            assertEquals(0, trusted.exit, trusted.output);
            assertTrue(trusted.output.contains("-AigcAudioTask-"), trusted.output);

            Result untrusted = client(emulator.endpoint());
            assertEquals(2, untrusted.exit, untrusted.output);
            assertTrue(untrusted.output.contains("TlsHandshakeFailed"), untrusted.output);
        }
    }

    private static Result client(URI endpoint, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Client.class.getName(),
                endpoint.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static final class Result {
        final int exit;
        final String output;

        Result(int exit, String output) {
            this.exit = exit;
            this.output = output;
        }
    }

    /** The forked client: one create over HTTPS with the default (JSSE-configured) trust. */
    public static final class Client {
        public static void main(String[] args) {
            TencentCloudClient client = new TencentCloudClient(ClientConfig.builder(Service.VOD)
                    .endpoint(URI.create(args[0])).maxAttempts(1)
                    // What is tested is trust, not speed: a loaded machine may take seconds to connect.
                    .connectTimeout(Duration.ofSeconds(20)).requestTimeout(Duration.ofSeconds(30)).build(),
                    CredentialsProvider.fixed(AigcEmulator.CREDENTIALS));
            try {
                System.out.println(new AigcAudioTasks(client).create(VodAudioTask.builder().prompt("tls").build(),
                        Deadline.after(Clock.systemUTC(), Duration.ofSeconds(20))).taskId());
            } catch (ApiException e) {
                System.out.println(e.code() + " " + e.errorClass());
                System.exit(2);
            }
        }
    }
}
