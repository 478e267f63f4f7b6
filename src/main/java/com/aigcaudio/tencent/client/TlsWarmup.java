package com.aigcaudio.tencent.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.TrustManagerFactory;

/**
 * Cold-start priming. On a daemon thread, while the main thread reads configuration and plans the task, it builds
 * the shared HttpClient (initialising the default SSLContext) and runs one complete TLS handshake in memory: a
 * client and a server SSLEngine exchanging buffers, no socket, with a throwaway certificate shipped in the jar
 * ({@code tls-warmup.p12}, self-signed for {@code tls-warmup.invalid}; it protects nothing and is never used on a
 * network). That loads and first-runs the JSSE handshake and the key-exchange, signature and AES-GCM code, so the
 * real handshake that follows no longer pays for it. Failures are ignored: the request path does the same work.
 */
public final class TlsWarmup {
    private static final char[] PASSWORD = "warmup".toCharArray();
    private static final int MAX_STEPS = 64;

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
            handshakeInMemory();
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            // Priming only.
        }
    }

    /** Returns true when the in-memory handshake completed (tests use it; the warm-up ignores it). */
    static boolean handshakeInMemory() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = TlsWarmup.class.getResourceAsStream("/tls-warmup.p12")) {
            if (in == null) {
                return false;
            }
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trust.getTrustManagers(), null);

        SSLEngine client = clientContext.createSSLEngine("tls-warmup.invalid", 443);
        client.setUseClientMode(true);
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        int packet = client.getSession().getPacketBufferSize();
        int app = client.getSession().getApplicationBufferSize();
        ByteBuffer clientToServer = ByteBuffer.allocate(packet);
        ByteBuffer serverToClient = ByteBuffer.allocate(packet);
        ByteBuffer clientApp = ByteBuffer.allocate(app);
        ByteBuffer serverApp = ByteBuffer.allocate(app);
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {'{', '}'});
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < MAX_STEPS; step++) {
            client.wrap(payload, clientToServer);
            server.wrap(ByteBuffer.allocate(0), serverToClient);
            clientToServer.flip();
            server.unwrap(clientToServer, serverApp);
            clientToServer.compact();
            serverToClient.flip();
            client.unwrap(serverToClient, clientApp);
            serverToClient.compact();
            runTasks(client);
            runTasks(server);
            if (done(client) && done(server) && !payload.hasRemaining() && serverApp.position() > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
