package com.aigcaudio.tencent.client;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.ErrorClass;
import com.aigcaudio.core.Service;
import com.aigcaudio.store.CosObjectStore;
import com.aigcaudio.store.ObjectStore;
import com.aigcaudio.store.StoreUnavailableException;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.tencent.aigc.VodAudioTask;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.MisbehavingServer;
import com.aigcaudio.transport.UrlConnectionTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API client and a store against peers that misbehave after reading the request: nothing is sent twice, and
 * every call ends by the invocation's deadline (plus 0.5 s at most) whatever the peer does.
 */
class MisbehavingPeersTest {
    private static final Duration BUDGET = Duration.ofSeconds(3);
    private static final long SLACK_MILLIS = 500;
    private static final String ANSWER = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + "62\r\n\r\n"
            + "{\"Response\":{\"TaskId\":\"1-AigcAudioTask-drip\",\"RequestId\":\"r\"}}";

    private static AigcAudioTasks tasks(MisbehavingServer server) {
        ClientConfig config = ClientConfig.builder(Service.VOD).endpoint(server.endpoint()).build();
        return new AigcAudioTasks(new TencentCloudClient(config, CredentialsProvider.fixed(
                Credentials.of(FakeTencentCloud.SECRET_ID, FakeTencentCloud.SECRET_KEY))));
    }

    private static VodAudioTask task() {
        return VodAudioTask.builder().prompt("rain on a tin roof").build();
    }

    @Test
    void apiAnswerDrippingOneBytePerSecond_isAnUnknownOutcomeAtTheDeadline_sentOnce() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.plain(MisbehavingServer.drip(ANSWER, 1000))) {
            Deadline deadline = Deadline.after(Clock.systemUTC(), BUDGET);

            ApiException e = assertThrows(ApiException.class, () -> tasks(server).create(task(), deadline));

            assertEquals(ErrorClass.UNKNOWN_OUTCOME, e.errorClass());
            assertEquals("Timeout", e.code());
            assertEquals(1, server.requests().size(), server.requests().toString());
            long over = Duration.between(deadline.instant(), Clock.systemUTC().instant()).toMillis();
            assertTrue(over <= SLACK_MILLIS, "ended " + over + " ms after the deadline");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {102, 103})
    void apiInterimAnswer_isAnUnknownOutcome_neverACleanFailure(int status) throws Exception {
        try (MisbehavingServer server = MisbehavingServer.plain(MisbehavingServer.answer(
                "HTTP/1.1 " + status + " Interim\r\n\r\n" + ANSWER))) {
            ApiException e = assertThrows(ApiException.class,
                    () -> tasks(server).create(task(), Deadline.after(Clock.systemUTC(), BUDGET)));

            assertEquals(ErrorClass.UNKNOWN_OUTCOME, e.errorClass());
            assertEquals("InterimAnswer", e.code());
            assertEquals(1, server.requests().size());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {502, 504})
    void apiGatewayErrorAfterReadingThePost_isSentOnce(int status) throws Exception {
        try (MisbehavingServer server = MisbehavingServer.plain(MisbehavingServer.answer("HTTP/1.1 " + status
                + " Gateway\r\nContent-Length: 0\r\n\r\n"))) {
            ApiException e = assertThrows(ApiException.class,
                    () -> tasks(server).create(task(), Deadline.after(Clock.systemUTC(), BUDGET)));

            assertEquals(ErrorClass.UNKNOWN_OUTCOME, e.errorClass());
            assertEquals(1, server.requests().size());
        }
    }

    @Test
    void cosClaimPutAnswerDripping_endsAtTheDeadline_asAStoreOutage() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.plain(MisbehavingServer.drip(
                "HTTP/1.1 200 OK\r\nETag: \"e\"\r\nContent-Length: 0\r\n\r\n", 1000))) {
            ObjectStore cos = new CosObjectStore(server.endpoint(), "state-1250000000", "ap-guangzhou",
                    CredentialsProvider.fixed(Credentials.of(FakeTencentCloud.SECRET_ID, FakeTencentCloud.SECRET_KEY)),
                    new UrlConnectionTransport(Duration.ofSeconds(2)));
            Deadline deadline = Deadline.after(Clock.systemUTC(), BUDGET);

            assertThrows(StoreUnavailableException.class, () -> cos.put("claims/k", ObjectStore.Body.of(
                    "{}".getBytes(StandardCharsets.UTF_8)), "application/json", Map.of(), true, deadline));

            long over = Duration.between(deadline.instant(), Clock.systemUTC().instant()).toMillis();
            assertTrue(over <= SLACK_MILLIS, "ended " + over + " ms after the deadline");
        }
    }
}
