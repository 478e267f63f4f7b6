package com.aigcaudio.testing;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A throwaway TLS identity for 127.0.0.1, made with the JDK's keytool, for an HTTPS emulator in tests. */
public final class SelfSignedTls {
    public static final String PASSWORD = "secret";
    public static final String ALIAS = "s";

    private SelfSignedTls() {
    }

    /** Writes a PKCS12 key store (alias {@link #ALIAS}, password {@link #PASSWORD}) under dir and returns it. */
    public static Path keyStore(Path dir) throws Exception {
        Path keys = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
                keys.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        return keys;
    }

    public static void keytool(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }

    /** A server-side SSLContext presenting the key store's identity. */
    public static SSLContext serverContext(Path keys) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keys.toFile())) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }
}
