package com.aigcaudio.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * WireMock standing in for a Tencent Cloud API endpoint. Every received API call's signature is checked by
 * {@link IndependentTc3Verifier} in {@link #assertAllSigned}. A bare {@code GET /} (the function's connection
 * warm-up) is answered with an error, as the real endpoint does, and is not an API call.
 */
public final class FakeTencentCloud implements AutoCloseable {
    public static final String SECRET_ID = "AKIDtestonlyFAKE0000000000000000000";
    public static final String SECRET_KEY = "test-secret-key-FAKE-do-not-use-0000";
    public static final String TOKEN = "test-session-token-FAKE-0000";

    private final WireMockServer server;
    private final String service;

    public FakeTencentCloud(String service) {
        this.service = service;
        this.server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        stubWarmupProbe();
    }

    private void stubWarmupProbe() {
        server.stubFor(get("/").willReturn(json(error("MissingParameter", "no Action", "warmup"))));
    }

    public WireMockServer server() {
        return server;
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + server.port() + "/");
    }

    public static String success(String taskId, String requestId) {
        return "{\"Response\":{\"TaskId\":\"" + taskId + "\",\"RequestId\":\"" + requestId + "\"}}";
    }

    /** VOD's DescribeTaskDetail answer for a finished task whose (Temporary) mp3 is at {@code fileUrl}. */
    public static String finished(URI fileUrl) {
        return "{\"Response\":{\"Status\":\"FINISH\",\"AigcAudioTask\":{\"ErrCode\":0,\"Output\":{\"AudioInfos\":[{"
                + "\"StorageMode\":\"Temporary\",\"FileType\":\"mp3\",\"FileUrl\":\"" + fileUrl + "\"}]}},"
                + "\"RequestId\":\"req-d\"}}";
    }

    public static String error(String code, String message, String requestId) {
        return "{\"Response\":{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"" + message + "\"},\"RequestId\":\""
                + requestId + "\"}}";
    }

    public static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    public MappingBuilder action(String action) {
        return post("/").withHeader("X-TC-Action", equalTo(action));
    }

    public void stub(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    /** Received API calls (every request but warm-up probes), oldest first. */
    public List<LoggedRequest> requests() {
        return received(false);
    }

    /** Received warm-up probes: GET requests. */
    public List<LoggedRequest> probes() {
        return received(true);
    }

    private List<LoggedRequest> received(boolean probes) {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        List<LoggedRequest> requests = new ArrayList<>();
        for (ServeEvent event : events) {
            if (RequestMethod.GET.equals(event.getRequest().getMethod()) == probes) {
                requests.add(event.getRequest());
            }
        }
        return requests;
    }

    /**
     * Fails unless every API call carries a valid signature for this service and no warm-up probe carries
     * credentials.
     */
    public void assertAllSigned() {
        for (LoggedRequest probe : probes()) {
            for (String header : List.of("Authorization", "X-TC-Token", "X-TC-Action")) {
                if (probe.containsHeader(header)) {
                    throw new AssertionError("a warm-up probe must carry no credentials and name no action: " + header);
                }
            }
        }
        IndependentTc3Verifier verifier = new IndependentTc3Verifier(Map.of(SECRET_ID, SECRET_KEY));
        for (LoggedRequest request : requests()) {
            String problem = verifier.problem(request::getHeader, request.getBody(), service);
            if (problem != null) {
                throw new AssertionError("request " + request.getLoggedDate() + " is badly signed: " + problem);
            }
        }
    }

    /** Checks every received request's signature, then stops the server whatever the check found. */
    public void assertAllSignedAndClose() {
        try {
            assertAllSigned();
        } finally {
            close();
        }
    }

    public void reset() {
        server.resetAll();
        stubWarmupProbe();
    }

    @Override
    public void close() {
        server.stop();
    }
}
