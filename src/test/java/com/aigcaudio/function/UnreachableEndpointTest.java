package com.aigcaudio.function;

import com.aigcaudio.core.Service;
import com.aigcaudio.emulator.AigcEmulator;
import com.aigcaudio.testing.FunctionHarness;
import com.aigcaudio.testing.SelfSignedTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UnreachableEndpointTest {
    @Test
    @SuppressWarnings("unchecked")
    void cos_endpointCertificateUntrusted_failsSayingNothingWasSent(@TempDir Path dir) throws Exception {
        // Served with a certificate the test JVM does not trust: the TLS handshake fails before any request.
        SSLContext tls = SelfSignedTls.serverContext(SelfSignedTls.keyStore(dir));
        try (AigcEmulator untrusted = AigcEmulator.start(Service.VOD, 0, tls)) {
            Map<String, String> env = FunctionHarness.fixtureEnv(untrusted.endpoint());

            FunctionHarness.Outcome outcome = new FunctionHarness(env)
                    .invoke(FunctionHarness.load(Path.of("events/cos-video-upload.json")));

            Map<String, Object> result = ((List<Map<String, Object>>) outcome.result.get("results")).get(0);
            assertEquals("failed", result.get("status"));
            assertEquals("could not reach the API; nothing was sent", result.get("reason"));
            assertEquals("TlsHandshakeFailed", ((Map<String, Object>) result.get("error")).get("code"));
        }
    }
}
