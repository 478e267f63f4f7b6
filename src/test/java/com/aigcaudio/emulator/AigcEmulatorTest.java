package com.aigcaudio.emulator;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.ErrorClass;
import com.aigcaudio.core.Service;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.tencent.aigc.VodAudioTask;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.tencent.client.ApiException;
import com.aigcaudio.tencent.client.ClientConfig;
import com.aigcaudio.tencent.client.TencentCloudClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AigcEmulatorTest {
    private final AigcEmulator emulator;

    AigcEmulatorTest() throws IOException {
        emulator = AigcEmulator.start(Service.VOD);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private AigcAudioTasks tasks(Credentials credentials) {
        return new AigcAudioTasks(new TencentCloudClient(ClientConfig.builder(Service.VOD).endpoint(emulator.endpoint())
                .maxAttempts(1).build(), CredentialsProvider.fixed(credentials)));
    }

    private static Deadline deadline() {
        return Deadline.after(Clock.systemUTC(), Duration.ofSeconds(10));
    }

    @Test
    void create_validSignedRequest_returnsVodTaskId() {
        String taskId = tasks(AigcEmulator.CREDENTIALS).create(VodAudioTask.builder().prompt("rain").build(),
                deadline()).taskId();
        assertTrue(taskId.matches("\\d+-AigcAudioTask-[0-9a-f]{32}t"), taskId);
    }

    @Test
    void create_wrongSecret_isSignatureFailure() {
        Credentials wrong = Credentials.of(AigcEmulator.CREDENTIALS.secretId(), "another-secret");
        ApiException e = assertThrows(ApiException.class,
                () -> tasks(wrong).create(VodAudioTask.builder().prompt("rain").build(), deadline()));
        assertEquals("AuthFailure.SignatureFailure", e.code());
        assertEquals(ErrorClass.AUTH, e.errorClass());
    }

    @Test
    void create_violatingPrompt_isViolationContent() {
        ApiException e = assertThrows(ApiException.class, () -> tasks(AigcEmulator.CREDENTIALS)
                .create(VodAudioTask.builder().prompt("VIOLATION please").build(), deadline()));
        assertEquals("InvalidParameter.ViolationContent", e.code());
    }

    @Test
    void rawRequest_unknownParameterOrUnsigned_getsApiErrorEnvelope() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(emulator.endpoint())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Prompt\":\"x\",\"Bogus\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, unsigned.statusCode());
        assertTrue(unsigned.body().contains("AuthFailure.InvalidAuthorization"), unsigned.body());
        assertTrue(unsigned.body().contains("RequestId"));
    }

    @Test
    void rawRequest_warmupProbe_getsMissingParameterAndCreatesNothing() throws Exception {
        HttpResponse<String> probe = HttpClient.newHttpClient().send(HttpRequest.newBuilder(emulator.endpoint())
                .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, probe.statusCode());
        assertTrue(probe.body().contains("\"Code\":\"MissingParameter\""), probe.body());
        assertFalse(probe.body().contains("TaskId"), probe.body());
    }

    @Test
    void rawSignedRequest_unknownParameter_isUnknownParameter() throws Exception {
        byte[] body = "{\"Prompt\":\"x\",\"Bogus\":1}".getBytes(StandardCharsets.UTF_8);
        String host = "127.0.0.1:" + emulator.endpoint().getPort();
        com.aigcaudio.tencent.signing.Tc3Signature signature = com.aigcaudio.tencent.signing.Tc3Signer.sign(
                new com.aigcaudio.tencent.signing.Tc3Request("vod", host, "application/json; charset=utf-8", body),
                AigcEmulator.CREDENTIALS, Instant.now());
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(emulator.endpoint())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", signature.authorization())
                .header("X-TC-Action", "CreateAigcAudioTask").header("X-TC-Version", "2018-07-17")
                .header("X-TC-Timestamp", Long.toString(signature.timestamp()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.body().contains("\"Code\":\"UnknownParameter\""), response.body());
    }

    /** A request signed as {@code service} at {@code signedAt}, sent with X-TC-Timestamp {@code sentAt}. */
    private HttpResponse<String> signedAs(String service, Instant signedAt, long sentAt) throws Exception {
        byte[] body = "{\"Prompt\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        String host = "127.0.0.1:" + emulator.endpoint().getPort();
        com.aigcaudio.tencent.signing.Tc3Signature signature = com.aigcaudio.tencent.signing.Tc3Signer.sign(
                new com.aigcaudio.tencent.signing.Tc3Request(service, host, "application/json; charset=utf-8", body),
                AigcEmulator.CREDENTIALS, signedAt);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(emulator.endpoint())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", signature.authorization())
                .header("X-TC-Action", "CreateAigcAudioTask").header("X-TC-Version", "2018-07-17")
                .header("X-TC-Timestamp", Long.toString(sentAt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The official SDK pointed at an IP address signs for the address's first label: say so, not "malformed". */
    @Test
    void signedForAnotherService_namesTheServiceItSignedFor() throws Exception {
        Instant now = Instant.now();
        HttpResponse<String> response = signedAs("127", now, now.getEpochSecond());
        assertTrue(response.body().contains("AuthFailure.SignatureFailure"), response.body());
        assertTrue(response.body().contains("names service '127'") && response.body().contains("sign for 'vod'"),
                response.body());
    }

    @Test
    void scopeDateOfAnotherDay_namesBothDates() throws Exception {
        Instant now = Instant.now();
        HttpResponse<String> response = signedAs("vod", now.minus(Duration.ofDays(1)), now.getEpochSecond());
        String yesterday = com.aigcaudio.tencent.signing.Tc3Signer.scopeDate(now.minus(Duration.ofDays(1))
                .getEpochSecond());
        assertTrue(response.body().contains("date is '" + yesterday + "'"), response.body());
    }

    @Test
    void endpoint_isLoopback() {
        assertEquals("127.0.0.1", URI.create(emulator.endpoint().toString()).getHost());
    }
}
