package com.aigcaudio.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * WireMock standing in for a Tencent Cloud API endpoint. Every received request's signature is checked by
 * {@link IndependentTc3Verifier} in {@link #assertAllSigned}.
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

    /** Received requests, oldest first. */
    public List<LoggedRequest> requests() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        List<LoggedRequest> requests = new ArrayList<>();
        for (ServeEvent event : events) {
            requests.add(event.getRequest());
        }
        return requests;
    }

    /** Fails unless every received request carries a valid signature for this service. */
    public void assertAllSigned() {
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
    }

    @Override
    public void close() {
        server.stop();
    }
}
