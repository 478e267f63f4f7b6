package com.aigcaudio.function;

import com.aigcaudio.json.Json;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.FunctionHarness;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.aigcaudio.testing.FakeTencentCloud.error;
import static com.aigcaudio.testing.FakeTencentCloud.json;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpTriggerTest {
    private static final String TOKEN = "local-demo-token-0123456789";
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final Map<String, String> env = FunctionHarness.fixtureEnv(vod);

    @AfterEach
    void tearDown() {
        vod.assertAllSignedAndClose();
    }

    private Map<String, Object> post(String body, Map<String, Object> headers) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", "POST");
        event.put("path", "/release/tasks");
        event.put("headers", jsonTyped(headers));
        event.put("body", body);
        event.put("requestContext", Map.of("requestId", "apigw-req-1", "stage", "release"));
        return new FunctionHarness(env).invoke(event).result;
    }

    private Map<String, Object> post(String body) {
        return post(body, Map.of("Authorization", "Bearer " + TOKEN));
    }

    private static Map<String, Object> jsonTyped(Map<String, Object> headers) {
        Map<String, Object> typed = new LinkedHashMap<>(headers);
        if (typed.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            typed.put("Content-Type", "application/json");
        }
        return typed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Map<String, Object> response) {
        return (Map<String, Object>) Json.parse((String) response.get("body"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> errorOf(Map<String, Object> response) {
        return (Map<String, Object>) body(response).get("error");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> headers(Map<String, Object> response) {
        return (Map<String, Object>) response.get("headers");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "InvalidParameter.ViolationContent, 422",
            "RequestLimitExceeded, 429",
            "AuthFailure.SecretIdNotFound, 502",
            "FailedOperation, 502",
            "UnknownParameter, 502",
            "InternalError, 502",
    })
    void post_apiError_mapsToStatusWithJsonError(String code, int status) {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(error(code, "no", "req-up"))));

        Map<String, Object> response = post("{\"Prompt\":\"p\"}");

        assertEquals(status, response.get("statusCode"));
        assertEquals(code, errorOf(response).get("code"));
        assertEquals("req-up", errorOf(response).get("requestId"));
        assertEquals("application/json", headers(response).get("Content-Type"));
        if (status == 429) {
            assertEquals("1", headers(response).get("Retry-After"));
        }
    }

    @Test
    void post_unknownOutcome_is504WithRequestIdAndOneRequest() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Map<String, Object> response = post("{\"Prompt\":\"p\"}");

        assertEquals(504, response.get("statusCode"));
        assertEquals(1, vod.requests().size());
        String body = (String) response.get("body");
        assertFalse(body.contains(vod.endpoint().getHost()) || body.contains(String.valueOf(vod.endpoint().getPort())),
                "the API's host and port stay private: " + body);
    }

    @Test
    void post_unknownParameterInBody_is400NamingItWithoutCall() {
        Map<String, Object> response = post("{\"Prompt\":\"p\",\"Colour\":\"blue\"}");
        assertEquals(400, response.get("statusCode"));
        assertEquals("Colour", errorOf(response).get("field"));
        assertEquals(0, vod.requests().size());
    }

    @Test
    void post_configurationOnlyParameter_is400() {
        Map<String, Object> response = post("{\"Prompt\":\"p\",\"SubAppId\":1}");
        assertEquals(400, response.get("statusCode"));
        assertEquals("SubAppId", errorOf(response).get("field"));
        assertEquals(0, vod.requests().size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[1,2]|body",
            "\"just a string\"|body",
            "{\"Prompt\":42}|Prompt",
            "{\"Prompt\":\"p\",\"VideoInfos\":{}}|VideoInfos",
            "{\"Prompt\":\"p\",\"VideoInfos\":[\"https://e.com/v.mp4\"]}|VideoInfos[0]",
            "{\"Prompt\":\"p\",\"OutputConfig\":{\"Duration\":1.5}}|OutputConfig.Duration",
            "{\"VideoInfos\":[{\"Url\":\"ftp://e.com/v.mp4\"}]}|VideoInfos[0].Url",
    })
    void post_wrongTypes_are400NamingTheField(String body, String field) {
        Map<String, Object> response = post(body);
        assertEquals(400, response.get("statusCode"));
        assertEquals(field, errorOf(response).get("field"));
        assertEquals(0, vod.requests().size());
    }

    @Test
    void post_bodyOverLimit_is413WithoutCall() {
        env.put("AIGC_HTTP_MAX_BODY_BYTES", "1024");
        Map<String, Object> response = post("{\"Prompt\":\"" + "x".repeat(2000) + "\"}");
        assertEquals(413, response.get("statusCode"));
        assertEquals(0, vod.requests().size());
    }

    @Test
    void post_headerNamesAnyCase_andBase64Body_areAccepted() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(FakeTencentCloud.success("t-1", "r-1"))));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", "POST");
        event.put("path", "/tasks");
        event.put("headers", Map.of("AUTHORIZATION", "bearer " + TOKEN, "content-type",
                "application/json; charset=utf-8"));
        event.put("body", Base64.getEncoder().encodeToString("{\"Prompt\":\"p\"}".getBytes()));
        event.put("isBase64Encoded", true);

        Map<String, Object> response = new FunctionHarness(env).invoke(event).result;

        assertEquals(202, response.get("statusCode"));
        assertEquals("t-1", body(response).get("taskId"));
    }

    @Test
    void post_invalidBase64_is400() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", "POST");
        event.put("path", "/tasks");
        event.put("headers", jsonTyped(Map.of("Authorization", "Bearer " + TOKEN)));
        event.put("body", "!!!not base64!!!");
        event.put("isBase64Encoded", true);
        assertEquals(400, new FunctionHarness(env).invoke(event).result.get("statusCode"));
    }

    @Test
    void post_noTokenConfigured_isOpen() {
        env.remove("AIGC_HTTP_TOKEN");
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(FakeTencentCloud.success("t-1", "r-1"))));
        assertEquals(202, post("{\"Prompt\":\"p\"}", Map.of()).get("statusCode"));
    }

    @Test
    void post_sameIdempotencyKeyTwice_replaysTaskWithoutSecondCall() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(FakeTencentCloud.success("t-idem", "r-idem"))));
        FunctionHarness harness = new FunctionHarness(env);
        Map<String, Object> headers = Map.of("Authorization", "Bearer " + TOKEN, "idempotency-key", "order-42");

        Map<String, Object> first = harness.invoke(event("{\"Prompt\":\"p\"}", headers)).result;
        Map<String, Object> second = harness.invoke(event("{ \"Prompt\" : \"p\" }", headers)).result;

        assertEquals(202, first.get("statusCode"));
        assertEquals(202, second.get("statusCode"));
        assertEquals("t-idem", body(second).get("taskId"));
        assertEquals("true", headers(second).get("Idempotent-Replayed"));
        assertEquals(1, vod.requests().size());
    }

    @Test
    void post_idempotencyKeyReusedForOtherBody_is422() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(FakeTencentCloud.success("t-idem", "r-idem"))));
        FunctionHarness harness = new FunctionHarness(env);
        Map<String, Object> headers = Map.of("Authorization", "Bearer " + TOKEN, "Idempotency-Key", "order-43");
        harness.invoke(event("{\"Prompt\":\"p\"}", headers));

        Map<String, Object> response = harness.invoke(event("{\"Prompt\":\"other\"}", headers)).result;

        assertEquals(422, response.get("statusCode"));
        assertEquals("IdempotencyKeyReused", errorOf(response).get("code"));
        assertEquals(1, vod.requests().size());
    }

    @Test
    void post_idempotencyKeyInProgress_is409WithRetryAfter() throws Exception {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(FakeTencentCloud.success("t", "r")).withFixedDelay(
                1500)));
        FunctionHarness harness = new FunctionHarness(env);
        Map<String, Object> headers = Map.of("Authorization", "Bearer " + TOKEN, "Idempotency-Key", "order-44");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Map<String, Object>> a = pool.submit(() -> harness.invoke(event("{\"Prompt\":\"p\"}", headers)).result);
        Future<Map<String, Object>> b = pool.submit(() -> harness.invoke(event("{\"Prompt\":\"p\"}", headers)).result);
        List<Object> statuses = List.of(a.get().get("statusCode"), b.get().get("statusCode"));
        pool.shutdown();

        assertTrue(statuses.contains(202) && statuses.contains(409), statuses.toString());
        Map<String, Object> conflict = a.get().get("statusCode").equals(409) ? a.get() : b.get();
        assertEquals("5", headers(conflict).get("Retry-After"));
        assertEquals(1, vod.requests().size());
    }

    @Test
    void post_withoutIdempotencyKey_isNotDeduplicated() {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(FakeTencentCloud.success("t", "r"))));
        FunctionHarness harness = new FunctionHarness(env);
        harness.invoke(event("{\"Prompt\":\"p\"}", Map.of("Authorization", "Bearer " + TOKEN)));
        harness.invoke(event("{\"Prompt\":\"p\"}", Map.of("Authorization", "Bearer " + TOKEN)));
        assertEquals(2, vod.requests().size());
    }

    @Test
    void post_badIdempotencyKey_is400() {
        Map<String, Object> response = post("{\"Prompt\":\"p\"}", Map.of("Authorization", "Bearer " + TOKEN,
                "Idempotency-Key", "has spaces in it"));
        assertEquals(400, response.get("statusCode"));
        assertEquals("Idempotency-Key", errorOf(response).get("field"));
    }

    private static Map<String, Object> event(String body, Map<String, Object> headers) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", "POST");
        event.put("path", "/tasks");
        event.put("headers", jsonTyped(headers));
        event.put("body", body);
        return event;
    }

    @Test
    void post_tokenNeverEchoedInResponses() {
        Map<String, Object> response = post("{\"Prompt\":\"p\"}", Map.of("Authorization", "Bearer wrong-" + TOKEN));
        assertEquals(401, response.get("statusCode"));
        assertFalse(Json.toString(response).contains(TOKEN));
        assertTrue(Json.toString(response).contains("Unauthorized"));
    }

    private Map<String, Object> request(String method, Map<String, Object> headers, String body) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", method);
        event.put("path", "/tasks");
        event.put("headers", headers);
        event.put("body", body);
        return new FunctionHarness(env).invoke(event).result;
    }

    @Test
    void options_preflightFromAllowedOrigin_is204BeforeAuthWithTheGrant() {
        env.put("AIGC_HTTP_CORS_ORIGINS", "https://app.example.com, https://other.example");

        Map<String, Object> response = request("OPTIONS", Map.of("Origin", "https://app.example.com",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers",
                        "authorization,content-type"), null);

        assertEquals(204, response.get("statusCode"));
        Map<String, Object> headers = headers(response);
        assertEquals("https://app.example.com", headers.get("Access-Control-Allow-Origin"));
        assertTrue(((String) headers.get("Access-Control-Allow-Headers")).contains("Authorization"));
        assertTrue(((String) headers.get("Access-Control-Allow-Headers")).contains("Idempotency-Key"));
        assertTrue(((String) headers.get("Access-Control-Allow-Methods")).contains("POST"));
        assertEquals("Origin", headers.get("Vary"));
        assertEquals(0, vod.requests().size());
    }

    @Test
    void options_preflightFromOtherOrigin_is403WithoutGrant() {
        env.put("AIGC_HTTP_CORS_ORIGINS", "https://app.example.com");

        Map<String, Object> response = request("OPTIONS", Map.of("Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST"), null);

        assertEquals(403, response.get("statusCode"));
        assertFalse(headers(response).containsKey("Access-Control-Allow-Origin"));
    }

    @Test
    void options_noOriginsConfigured_grantsNothing() {
        Map<String, Object> response = request("OPTIONS", Map.of("Origin", "https://app.example.com",
                "Access-Control-Request-Method", "POST"), null);

        assertEquals(403, response.get("statusCode"));
        assertFalse(headers(response).containsKey("Access-Control-Allow-Origin"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"created, 202", "unauthorized, 401", "bad json, 400", "api refusal, 422"})
    void post_fromAllowedOrigin_everyAnswerCarriesCorsHeaders(String what, int status) {
        // The page's own origin, listed ('*' next to a token is refused at start).
        env.put("AIGC_HTTP_CORS_ORIGINS", "https://page.example");
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(what.equals("api refusal")
                ? error("InvalidParameter.ViolationContent", "no", "r") : FakeTencentCloud.success("t-1", "r-1"))));
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Origin", "https://page.example");
        headers.put("Content-Type", "application/json");
        if (!what.equals("unauthorized")) {
            headers.put("Authorization", "Bearer " + TOKEN);
        }

        Map<String, Object> response = request("POST", headers, what.equals("bad json") ? "{" : "{\"Prompt\":\"p\"}");

        assertEquals(status, response.get("statusCode"));
        assertEquals("https://page.example", headers(response).get("Access-Control-Allow-Origin"));
        String exposed = (String) headers(response).get("Access-Control-Expose-Headers");
        for (String header : List.of("Retry-After", "Idempotent-Replayed", "Location")) {
            assertTrue(exposed.contains(header), exposed);
        }
    }

    @Test
    void post_callerFieldsConfigured_allowsWhatIsListedOnly() {
        env.put("AIGC_HTTP_CALLER_FIELDS", "Prompt,OutputConfig.StorageMode");
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(FakeTencentCloud.success("t-2", "r-2"))));

        Map<String, Object> allowed = post("{\"Prompt\":\"p\",\"OutputConfig\":{\"StorageMode\":\"Permanent\"}}");
        Map<String, Object> refused = post("{\"Prompt\":\"p\",\"SceneType\":\"sfx\"}");

        assertEquals(202, allowed.get("statusCode"));
        assertEquals(400, refused.get("statusCode"));
        assertEquals("SceneType", errorOf(refused).get("field"));
        assertEquals(1, vod.requests().size());
        assertTrue(vod.requests().get(0).getBodyAsString().contains("\"StorageMode\":\"Permanent\""));
    }

    @Test
    void post_mediaHostOutsideAllowList_is400() {
        env.put("AIGC_MEDIA_URL_ALLOWED_HOSTS", ".media.example.com");
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(FakeTencentCloud.success("t-3", "r-3"))));

        Map<String, Object> inside = post("{\"VideoInfos\":[{\"Url\":\"https://cdn.media.example.com/v.mp4\"}]}");
        Map<String, Object> outside = post(
                "{\"VideoInfos\":[{\"Url\":\"https://media.example.com.evil.example/v.mp4\"}]}");

        assertEquals(202, inside.get("statusCode"));
        assertEquals(400, outside.get("statusCode"));
        assertEquals("VideoInfos[0].Url", errorOf(outside).get("field"));
    }

    @Test
    void post_dryRun_is200PlannedWithoutACall() {
        env.put("AIGC_DRY_RUN", "true");

        Map<String, Object> response = post("{\"Prompt\":\"p\"}");

        assertEquals(200, response.get("statusCode"));
        assertEquals(Boolean.TRUE, body(response).get("dryRun"));
        assertEquals(0, vod.requests().size());
    }
}
