package com.aigcaudio.tencent.client;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import javax.crypto.Cipher;
import javax.net.ssl.TrustManagerFactory;

/**
 * Runs, on a second daemon thread, the cold parts of a first TLS handshake that do not depend on the connection,
 * while {@link ConnectionWarmup}'s thread connects; on two cores this takes them off the
 * critical path (measured in README, Cold start). In the order the handshake needs them: the configured trust store
 * (loaded once and cached by the JDK, so the SSLContext finds it ready), the JCE crypto policy and AES-GCM (read
 * while the SSLContext lists its cipher suites), an X25519 key pair (the ClientHello's key share), and the JDK's own
 * CA list. That last one is loaded by host-name verification ({@code X509TrustManagerImpl
 * .checkIdentity}) during the first handshake, whatever trust store is configured: ~140 certificates parsed, about
 * 60 ms of CPU here. It has no public API, so its class is initialised by name; where a JDK lacks it, nothing
 * happens. Everything here is priming only: failures are ignored.
 */
public final class HandshakePrimer {
    private static final String JDK_ANCHORS = "sun.security.util.AnchorCertificates";

    private HandshakePrimer() {
    }

    static void start() {
        Thread thread = new Thread(HandshakePrimer::run, "aigc-handshake-primer");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return whether every step ran */
    public static boolean run() {
        boolean crypto;
        try {
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).init((KeyStore) null);
            Cipher.getMaxAllowedKeyLength("AES");
            Cipher.getInstance("AES/GCM/NoPadding");
            KeyPairGenerator.getInstance("X25519").generateKeyPair();
            crypto = true;
        } catch (GeneralSecurityException | RuntimeException e) {
            crypto = false;
        }
        try {
            Class.forName(JDK_ANCHORS);
            return crypto;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
