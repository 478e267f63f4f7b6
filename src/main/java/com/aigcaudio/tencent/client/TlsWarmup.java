package com.aigcaudio.tencent.client;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Cold-start priming: on a daemon thread, builds the shared HttpClient (which initialises the default SSLContext)
 * and runs each JCA algorithm a TLS 1.3/1.2 handshake and a TC3 signature use once, so that class loading and
 * first-use set-up overlap with reading configuration and planning the task on the other core, instead of
 * preceding the first request. Failures are ignored: the request path builds whatever is missing itself.
 */
public final class TlsWarmup {
    private TlsWarmup() {
    }

    public static void start(Supplier<HttpClient> http) {
        Thread thread = new Thread(() -> run(http), "aigc-tls-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    static void run(Supplier<HttpClient> http) {
        try {
            http.get();
            SecureRandom random = new SecureRandom();
            random.nextBytes(new byte[32]);
            KeyPairGenerator.getInstance("XDH").initialize(255, random);
            KeyPairGenerator.getInstance("X25519").generateKeyPair();
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"), random);
            ec.generateKeyPair();
            Signature.getInstance("SHA256withECDSA");
            Signature.getInstance("RSASSA-PSS");
            Signature.getInstance("SHA256withRSA");
            KeyGenerator aes = KeyGenerator.getInstance("AES");
            aes.init(128, random);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, aes.generateKey(), new GCMParameterSpec(128, new byte[12]));
            gcm.doFinal(new byte[16]);
            Mac.getInstance("HmacSHA256").init(aes.generateKey());
            MessageDigest.getInstance("SHA-384").digest(new byte[1]);
        } catch (GeneralSecurityException | RuntimeException e) {
            // Priming only: the request path does the same work itself when it needs it.
        }
    }
}
