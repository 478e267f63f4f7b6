package com.aigcaudio.tencent.client;

import com.aigcaudio.emulator.AigcEmulator;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.tencent.aigc.VodAudioTask;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS trust comes from the standard JSSE properties. The default SSLContext is made once per JVM, so each case runs
 * the client in a fresh JVM against the emulator serving HTTPS with a certificate made here by keytool.
 */
class JsseTrustStoreTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();

    @Test
    void create_overHttps_trustsOnlyWhatJavaxNetSslTrustStoreSays(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("server.p12");
        Path trust = dir.resolve("trust.p12");
        Path cert = dir.resolve("server.pem");
        exec(KEYTOOL, "-genkeypair", "-alias", "s", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
                keys.toString(), "-storepass", "secret", "-keypass", "secret");
        exec(KEYTOOL, "-exportcert", "-alias", "s", "-keystore", keys.toString(), "-storepass", "secret", "-rfc",
                "-file", cert.toString());
        exec(KEYTOOL, "-importcert", "-noprompt", "-alias", "s", "-file", cert.toString(), "-keystore", trust.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit");

        try (AigcEmulator emulator = AigcEmulator.start(Service.VOD, 0, serverContext(keys))) {
            Result trusted = client(emulator.endpoint(), "-Djavax.net.ssl.trustStore=" + trust,
                    "-Djavax.net.ssl.trustStorePassword=changeit");
            assertEquals(0, trusted.exit, trusted.output);
            assertTrue(trusted.output.contains("-AigcAudioTask-"), trusted.output);

            Result untrusted = client(emulator.endpoint());
            assertEquals(2, untrusted.exit, untrusted.output);
            assertTrue(untrusted.output.contains("TlsHandshakeFailed"), untrusted.output);
        }
    }

    private static SSLContext serverContext(Path keys) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keys.toFile())) {
            store.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "secret".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static Result client(URI endpoint, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Client.class.getName(), endpoint.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static void exec(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
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
                    .endpoint(URI.create(args[0])).maxAttempts(1).build(), CredentialsProvider.fixed(AigcEmulator.CREDENTIALS));
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
