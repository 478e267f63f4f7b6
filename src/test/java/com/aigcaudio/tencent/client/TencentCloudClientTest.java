package com.aigcaudio.tencent.client;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.ErrorClass;
import com.aigcaudio.core.InvalidRequestException;
import com.aigcaudio.core.Service;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.tencent.aigc.CreatedTask;
import com.aigcaudio.tencent.aigc.MpsAudioTask;
import com.aigcaudio.tencent.aigc.MpsStoreCosParam;
import com.aigcaudio.tencent.aigc.VodAudioTask;
import com.aigcaudio.tencent.aigc.VodMediaReference;
import com.aigcaudio.tencent.aigc.VodOutputConfig;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.LogCapture;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static com.aigcaudio.testing.FakeTencentCloud.error;
import static com.aigcaudio.testing.FakeTencentCloud.json;
import static com.aigcaudio.testing.FakeTencentCloud.success;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TencentCloudClientTest {
    private static final String ACTION = "CreateAigcAudioTask";
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void tearDown() {
        vod.assertAllSignedAndClose();
    }

    private AigcAudioTasks tasks(ClientConfig.Builder config, Credentials credentials) {
        ClientConfig built = config.endpoint(vod.endpoint()).build();
        TencentCloudClient client = new TencentCloudClient(built, CredentialsProvider.fixed(credentials),
                Clock.systemUTC(), pauses::add, RateLimiter.perSecond(100));
        return new AigcAudioTasks(client);
    }

    private AigcAudioTasks tasks() {
        return tasks(ClientConfig.builder(Service.VOD), Credentials.of(FakeTencentCloud.SECRET_ID,
                FakeTencentCloud.SECRET_KEY));
    }

    private static Deadline seconds(long s) {
        return Deadline.after(Clock.systemUTC(), Duration.ofSeconds(s));
    }

    private static VodAudioTask simpleTask() {
        return VodAudioTask.builder().prompt("rain on a tin roof").build();
    }

    @Test
    void create_vodWithEveryParameter_sendsExactBodyAndHeaders() {
        vod.stub(vod.action(ACTION).willReturn(json(success("251441341-AigcAudioTask-abc", "req-1"))));
        VodAudioTask task = VodAudioTask.builder().subAppId(251441341L).modelName("MiniMaxMusic").modelVersion("2.0")
                .sceneType("music").prompt("春节庆祝时的烟花声").additionalParameters("{\"lyrics\":\"la la\"}")
                .addVideo(VodMediaReference.url("https://example.com/v.mp4")).addVideo(VodMediaReference.file(
                        "5285890781"))
                .addAudio(VodMediaReference.url("https://example.com/a.wav"))
                .outputConfig(VodOutputConfig.builder().storageMode("Permanent").mediaName("myfile").classId(3L)
                        .expireTime("2026-12-01T18:00:00+08:00").duration(6L).outputAudioFormat("mp3").build())
                .build();
        Credentials temporary = new Credentials(FakeTencentCloud.SECRET_ID, FakeTencentCloud.SECRET_KEY,
                FakeTencentCloud.TOKEN);

        CreatedTask created = tasks(ClientConfig.builder(Service.VOD).region("ap-guangzhou").language("en-US"),
                temporary)
                .create(task, seconds(10));

        assertEquals("251441341-AigcAudioTask-abc", created.taskId());
        assertEquals("req-1", created.requestId());
        LoggedRequest r = vod.requests().get(0);
        assertEquals(
                "{\"SubAppId\":251441341,\"ModelName\":\"MiniMaxMusic\",\"ModelVersion\":\"2.0\",\"SceneType\":"
                        + "\"music\","
                + "\"Prompt\":\"春节庆祝时的烟花声\",\"VideoInfos\":[{\"Type\":\"Url\",\"Url\":\"https://example.com/v.mp4\"},"
                + "{\"Type\":\"File\",\"FileId\":\"5285890781\"}],\"AudioInfos\":[{\"Type\":\"Url\",\"Url\":\"ht"
                        + "tps://example.com/a.wav\"}],"
                + "\"OutputConfig\":{\"StorageMode\":\"Permanent\",\"MediaName\":\"myfile\",\"ClassId\":3,"
                + "\"ExpireTime\":\"2026-12-01T18:00:00+08:00\",\"Duration\":6,\"OutputAudioFormat\":\"mp3\"},"
                + "\"AdditionalParameters\":\"{\\\"lyrics\\\":\\\"la la\\\"}\"}", r.getBodyAsString(),
                        "absent fields left out, exact bytes");
        // Jetty inside WireMock reports the charset upper-cased; the JDK client sends it exactly as signed.
        assertTrue("application/json; charset=utf-8".equalsIgnoreCase(r.getHeader("Content-Type")));
        assertEquals(ACTION, r.getHeader("X-TC-Action"));
        assertEquals("2018-07-17", r.getHeader("X-TC-Version"));
        assertEquals("ap-guangzhou", r.getHeader("X-TC-Region"));
        assertEquals(FakeTencentCloud.TOKEN, r.getHeader("X-TC-Token"));
        assertEquals("en-US", r.getHeader("X-TC-Language"));
        assertEquals("localhost:" + vod.server().port(), r.getHeader("Host"));
        long skew = Math.abs(Long.parseLong(r.getHeader("X-TC-Timestamp")) - Instant.now().getEpochSecond());
        assertTrue(skew <= 5, "timestamp is now");
    }

    @Test
    void create_mpsWithEveryParameter_sendsExactBodySignedForMps() {
        try (FakeTencentCloud mps = new FakeTencentCloud("mps")) {
            mps.stub(mps.action(ACTION).willReturn(json(success("24AigcAudio-6a38", "req-m"))));
            ClientConfig config = ClientConfig.builder(Service.MPS).endpoint(mps.endpoint()).build();
            AigcAudioTasks tasks = new AigcAudioTasks(new TencentCloudClient(config, CredentialsProvider.fixed(
                    Credentials.of(FakeTencentCloud.SECRET_ID, FakeTencentCloud.SECRET_KEY))));
            MpsAudioTask task = MpsAudioTask.builder().modelName("GL").modelVersion("3.0-pro").sceneType("music")
                    .prompt("generate a piece of music").addVideoUrl("https://example.com/v.mp4")
                    .addAudioUrl("https://example.com/a.wav").outputAudioFormat("wav")
                    .storeCosParam(new MpsStoreCosParam("out-1250000000", "ap-guangzhou", "aigc-out/"))
                    .resourceId("438910555_1").additionalParameters("{\"is_instrumental\":true}").operator("admin")
                    .build();

            CreatedTask created = tasks.create(task, seconds(10));

            assertEquals("24AigcAudio-6a38", created.taskId());
            mps.server().verify(1, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/")).withRequestBody(equalToJson(
                    "{\"ModelName\":\"GL\",\"ModelVersion\":\"3.0-pro\",\"SceneType\":\"music\",\"Prompt\":\"gen"
                            + "erate a piece of music\","
                            + "\"VideoInfos\":[{\"VideoUrl\":\"https://example.com/v.mp4\"}],\"AudioInfos\":[{\""
                                    + "AudioUrl\":\"https://example.com/a.wav\"}],"
                            + "\"OutputAudioFormat\":\"wav\",\"StoreCosParam\":{\"CosBucketName\":\"out-1250000000\","
                            + "\"CosBucketRegion\":\"ap-guangzhou\",\"CosBucketPath\":\"aigc-out/\"},"
                            + "\"ExtraParameters\":{\"ResourceId\":\"438910555_1\"},"
                            + "\"AdditionalParameters\":\"{\\\"is_instrumental\\\":true}\",\"Operator\":\"admin\"}")));
            LoggedRequest r = mps.requests().get(0);
            assertEquals("2019-06-12", r.getHeader("X-TC-Version"));
            assertNull(r.getHeader("X-TC-Region"), "no region configured, no header");
            assertNull(r.getHeader("X-TC-Token"), "permanent keys, no token");
            mps.assertAllSigned();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "RequestLimitExceeded, THROTTLED, 3",
            "RequestLimitExceeded.UinLimitExceeded, THROTTLED, 3",
            "InternalError, TRANSIENT, 3",
            "ServiceUnavailable, TRANSIENT, 3",
            "ResourceUnavailable.Busy, TRANSIENT, 3",
            "AuthFailure.SignatureFailure, AUTH, 1",
            "UnauthorizedOperation, AUTH, 1",
            "InvalidParameter.ViolationContent, CONTENT_REJECTED, 1",
            "InvalidParameterValue, INVALID_REQUEST, 1",
            "MissingParameter, INVALID_REQUEST, 1",
            "UnknownParameter, INVALID_REQUEST, 1",
            "FailedOperation, FAILED, 1",
            "LimitExceeded, FAILED, 1",
    })
    void create_errorEnvelope_isClassifiedAndRetriedOnlyWhenRetryable(String code, ErrorClass expected, int requests) {
        vod.stub(vod.action(ACTION).willReturn(json(error(code, "the service says no", "req-err"))));

        ApiException e = assertThrows(ApiException.class, () -> tasks().create(simpleTask(), seconds(30)));

        assertEquals(expected, e.errorClass());
        assertEquals(code, e.code());
        assertEquals("the service says no", e.detail());
        assertEquals("req-err", e.requestId());
        assertEquals(requests, e.attempts());
        assertEquals(requests, vod.requests().size());
    }

    @Test
    void create_throttledTwiceThenSuccess_returnsTaskAfterThreeAttemptsWithThrottledBackoff() {
        vod.stub(vod.action(ACTION).inScenario("t").whenScenarioStateIs(STARTED)
                .willReturn(json(error("RequestLimitExceeded", "slow down", "r1"))).willSetStateTo("2"));
        vod.stub(vod.action(ACTION).inScenario("t").whenScenarioStateIs("2")
                .willReturn(json(error("RequestLimitExceeded", "slow down", "r2"))).willSetStateTo("3"));
        vod.stub(vod.action(ACTION).inScenario("t").whenScenarioStateIs("3")
                .willReturn(json(success("task-3", "r3"))));

        CreatedTask created = tasks().create(simpleTask(), seconds(60));

        assertEquals("task-3", created.taskId());
        assertEquals(3, created.attempts());
        assertEquals(3, vod.requests().size());
        assertEquals(2, pauses.size());
        assertTrue(pauses.get(0).toMillis() < 1000 && pauses.get(1).toMillis() < 2000, "throttled base 1 s: " + pauses);
    }

    @Test
    void create_responseSlowerThanTimeout_isUnknownOutcomeAndNotRetried() {
        vod.stub(vod.action(ACTION).willReturn(json(success("late", "r")).withFixedDelay(1500)));

        ApiException e = assertThrows(ApiException.class, () -> tasks(ClientConfig.builder(Service.VOD)
                .requestTimeout(Duration.ofMillis(300)), Credentials.of(FakeTencentCloud.SECRET_ID,
                        FakeTencentCloud.SECRET_KEY))
                .create(simpleTask(), seconds(30)));

        assertEquals(ErrorClass.UNKNOWN_OUTCOME, e.errorClass());
        assertEquals("Timeout", e.code());
        assertEquals(1, vod.requests().size());
    }

    @Test
    void create_connectionResetAfterRequest_isUnknownOutcomeAndNotRetried() {
        vod.stub(vod.action(ACTION).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ApiException e = assertThrows(ApiException.class, () -> tasks().create(simpleTask(), seconds(30)));

        assertEquals(ErrorClass.UNKNOWN_OUTCOME, e.errorClass());
        assertEquals(1, vod.requests().size());
    }

    @Test
    void create_connectionRefused_isTransientAndRetried() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ClientConfig config = ClientConfig.builder(Service.VOD).endpoint(URI.create("http://127.0.0.1:" + closedPort
                + "/")).build();
        TencentCloudClient client = new TencentCloudClient(config, CredentialsProvider.fixed(
                Credentials.of(FakeTencentCloud.SECRET_ID, FakeTencentCloud.SECRET_KEY)), Clock.systemUTC(),
                        pauses::add,
                RateLimiter.perSecond(100));

        ApiException e = assertThrows(ApiException.class, () -> new AigcAudioTasks(client).create(simpleTask(),
                seconds(30)));

        assertEquals(ErrorClass.TRANSIENT, e.errorClass());
        assertEquals("ConnectionRefused", e.code());
        assertEquals(3, e.attempts());
    }

    /**
     * Tencent Cloud answers its own errors as HTTP 200 with an Error envelope: a 5xx (or any answer without the
     * envelope) comes from something in between, which may have forwarded the POST. Sending it again could pay twice.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "502|<html>Bad Gateway</html>",
            "504|<html>Gateway Time-out</html>",
            "500|oops",
            "503|''",
            "429|Too Many Requests",
            "403|<html>Forbidden</html>",
    })
    void create_answerWithoutTheServiceEnvelope_isUnknownOutcome_sentOnce(int status, String body) {
        vod.stub(vod.action(ACTION).willReturn(aResponse().withStatus(status).withBody(body)));

        ApiException e = assertThrows(ApiException.class, () -> tasks().create(simpleTask(), seconds(30)));

        assertEquals(ErrorClass.UNKNOWN_OUTCOME, e.errorClass());
        assertEquals("HttpStatus" + status, e.code());
        assertEquals(status, e.httpStatus());
        assertEquals(1, vod.requests().size(), "never sent again");
    }

    @Test
    void describe_gateway502_isRetried_aStatusQueryHasNoEffect() {
        vod.stub(vod.action("DescribeTaskDetail").inScenario("gw").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")).willSetStateTo("ok"));
        vod.stub(vod.action("DescribeTaskDetail").inScenario("gw").whenScenarioStateIs("ok")
                .willReturn(json("{\"Response\":{\"TaskType\":\"AigcAudioTask\",\"Status\":\"PROCESSING\","
                        + "\"RequestId\":\"r\"}}")));

        tasks().describe("251441341-AigcAudioTask-abc", null, seconds(30));

        assertEquals(2, vod.requests().size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json at all",
            "{\"Response\":{\"TaskId\":\"t\"",
            "{\"Other\":{}}",
            "[]",
            "''",
    })
    void create_malformedBodyWithStatus200_isUnknownOutcomeNotACrash(String body) {
        vod.stub(vod.action(ACTION).willReturn(aResponse().withStatus(200).withBody(body)));

        ApiException e = assertThrows(ApiException.class, () -> tasks().create(simpleTask(), seconds(30)));

        assertEquals(ErrorClass.UNKNOWN_OUTCOME, e.errorClass());
        assertEquals(200, e.httpStatus());
        assertEquals(1, vod.requests().size());
    }

    @Test
    void create_successWithoutTaskId_isUnknownOutcome() {
        vod.stub(vod.action(ACTION).willReturn(json("{\"Response\":{\"RequestId\":\"r-x\"}}")));

        ApiException e = assertThrows(ApiException.class, () -> tasks().create(simpleTask(), seconds(30)));

        assertEquals(ErrorClass.UNKNOWN_OUTCOME, e.errorClass());
        assertEquals("r-x", e.requestId());
    }

    @Test
    void create_deadlineTooCloseForBackoff_stopsRetrying() {
        vod.stub(vod.action(ACTION).willReturn(json(error("RequestLimitExceeded", "slow down", "r"))));
        ClientConfig config = ClientConfig.builder(Service.VOD).endpoint(vod.endpoint())
                .retryPolicy(RetryPolicy.DEFAULT.withRandom(() -> new Random() {
                    @Override
                    public double nextDouble() {
                        return 0.9;
                    }
                })).build();
        TencentCloudClient client = new TencentCloudClient(config, CredentialsProvider.fixed(
                Credentials.of(FakeTencentCloud.SECRET_ID, FakeTencentCloud.SECRET_KEY)), Clock.systemUTC(),
                        pauses::add,
                RateLimiter.perSecond(100));

        ApiException e = assertThrows(ApiException.class, () -> new AigcAudioTasks(client)
                .create(simpleTask(), Deadline.after(Clock.systemUTC(), Duration.ofMillis(900))));

        assertEquals(ErrorClass.THROTTLED, e.errorClass());
        assertEquals(1, vod.requests().size(), "a 900 ms pause does not fit in what is left of 900 ms");
        assertTrue(pauses.isEmpty());
    }

    @Test
    void create_deadlineAlreadyPassed_sendsNothing() {
        ApiException e = assertThrows(ApiException.class, () -> tasks()
                .create(simpleTask(), Deadline.after(Clock.systemUTC(), Duration.ofMillis(50))));

        assertEquals("DeadlineExceeded", e.code());
        assertTrue(e.retryable());
        assertEquals(0, vod.requests().size());
    }

    @Test
    void create_signatureExpireWithDateHeader_resignsOnceWithCorrectedClock() {
        Instant serverNow = Instant.now().plus(Duration.ofMinutes(10));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(serverNow.atOffset(ZoneOffset.UTC));
        vod.stub(vod.action(ACTION).inScenario("skew").whenScenarioStateIs(STARTED)
                .willReturn(json(error("AuthFailure.SignatureExpire", "expired", "r1")).withHeader("Date", date))
                .willSetStateTo("fixed"));
        vod.stub(vod.action(ACTION).inScenario("skew").whenScenarioStateIs("fixed")
                .willReturn(json(success("task-skew", "r2"))));

        CreatedTask created = tasks().create(simpleTask(), seconds(30));

        assertEquals("task-skew", created.taskId());
        List<LoggedRequest> requests = vod.requests();
        assertEquals(2, requests.size());
        long corrected = Long.parseLong(requests.get(1).getHeader("X-TC-Timestamp"));
        assertTrue(Math.abs(corrected - serverNow.getEpochSecond()) <= 3, "second request signed with server time");
        assertTrue(pauses.isEmpty(), "a clock correction is not a backoff");
    }

    @Test
    void create_signatureExpireTwice_correctsOnlyOnceThenFails() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plus(Duration.ofHours(1)).atOffset(
                ZoneOffset.UTC));
        vod.stub(vod.action(ACTION).willReturn(json(error("AuthFailure.SignatureExpire", "expired", "r")).withHeader(
                "Date", date)));

        ApiException e = assertThrows(ApiException.class, () -> tasks().create(simpleTask(), seconds(30)));

        assertEquals(ErrorClass.AUTH, e.errorClass());
        assertEquals(2, vod.requests().size());
    }

    @Test
    void create_invalidRequest_failsLocallyWithoutAnyCall() {
        VodAudioTask bad = VodAudioTask.builder().prompt("x").outputConfig(VodOutputConfig.builder().duration(61L)
                .build()).build();

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> tasks().create(bad, seconds(10)));

        assertEquals("OutputConfig.Duration", e.field());
        assertEquals(0, vod.requests().size());
    }

    @Test
    void create_wrongServiceForClient_isRejectedBeforeSending() {
        MpsAudioTask mpsTask = MpsAudioTask.builder().prompt("x").build();
        assertThrows(IllegalArgumentException.class, () -> tasks().create(mpsTask, seconds(10)));
        assertEquals(0, vod.requests().size());
    }

    @Test
    void secrets_neverAppearInLogsOrExceptionMessages() {
        Credentials temporary = new Credentials(FakeTencentCloud.SECRET_ID, FakeTencentCloud.SECRET_KEY,
                FakeTencentCloud.TOKEN);
        vod.stub(vod.action(ACTION).willReturn(json(error("InternalError", "oops", "r"))));
        try (LogCapture logs = new LogCapture()) {
            ApiException e = assertThrows(ApiException.class,
                    () -> tasks(ClientConfig.builder(Service.VOD), temporary).create(simpleTask(), seconds(30)));
            String authorization = vod.requests().get(0).getHeader("Authorization");
            String everything = logs.text() + "\n" + e.getMessage() + "\n" + e + "\n" + temporary;
            assertFalse(logs.text().isEmpty(), "retries were logged");
            for (String secret : List.of(FakeTencentCloud.SECRET_KEY, FakeTencentCloud.TOKEN, authorization,
                    authorization.substring(authorization.indexOf("Signature=") + 10))) {
                assertFalse(everything.contains(secret), "leaked: " + secret);
            }
        }
    }
}
