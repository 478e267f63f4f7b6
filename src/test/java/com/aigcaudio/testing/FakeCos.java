package com.aigcaudio.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * WireMock playing a COS bucket: objects kept in memory; PUT with x-cos-forbid-overwrite: true answers 409
 * FileAlreadyExists when the object exists (atomically); every request's signature is checked by
 * {@link IndependentCosVerifier} (403 SignatureDoesNotMatch otherwise); {@link #setUnavailable} makes it answer 503.
 * Faults on demand: transient answers the store retries, final refusals, and writes whose answer is lost.
 */
public final class FakeCos implements AutoCloseable {
    private final AtomicLong servedBytes = new AtomicLong();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    /** LastModified of each object, by the bucket's own (real) clock, as COS stamps it. */
    private final Map<String, Instant> modified = new ConcurrentHashMap<>();
    private final Clock bucketClock;
    private final AtomicBoolean unavailable = new AtomicBoolean();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile String failingBody = "";
    private volatile int failingStatus = 503;
    private final AtomicInteger getFailures = new AtomicInteger();
    private final AtomicInteger lostAnswers = new AtomicInteger();
    private volatile String losingPath = "";
    private volatile long unavailableUntilMillis;
    private final AtomicInteger requestCount = new AtomicInteger();
    private volatile int failAt;
    private volatile int failAtStatus;
    private volatile int pageSize = 2;
    private final AtomicInteger deleteFailures = new AtomicInteger();
    private volatile String holdPath;
    private volatile CountDownLatch held = new CountDownLatch(0);
    private final AtomicInteger heldArrived = new AtomicInteger();
    private final IndependentCosVerifier verifier =
            new IndependentCosVerifier(FakeTencentCloud.SECRET_ID, FakeTencentCloud.SECRET_KEY);
    private final WireMockServer server;

    public FakeCos() {
        this(Clock.systemUTC());
    }

    /** @param bucketClock stamps LastModified (signatures are still checked against real time) */
    public FakeCos(Clock bucketClock) {
        this.bucketClock = bucketClock;
        server = new WireMockServer(wireMockConfig().dynamicPort().extensions(new Bucket()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + server.port() + "/");
    }

    public Map<String, byte[]> objects() {
        return objects;
    }

    public void setUnavailable(boolean value) {
        unavailable.set(value);
    }

    /** The next {@code times} PUTs whose body contains {@code bodyPart} answer 503 (a COS hiccup, retried). */
    public void failPuts(String bodyPart, int times) {
        failPuts(bodyPart, times, 503);
    }

    /**
     * The next {@code times} PUTs whose body contains {@code bodyPart} answer {@code status}: 500/503 a transient
     * failure the store retries; 403 AccessDenied a final one (the writer can write nothing more, as if it died).
     */
    public void failPuts(String bodyPart, int times, int status) {
        failingBody = bodyPart;
        failingStatus = status;
        failures.set(times);
    }

    /** Object bytes sent in GET answers so far. */
    public long servedBytes() {
        return servedBytes.get();
    }

    /** Requests answered so far (every method, the failed ones too). */
    public int requestCount() {
        return requestCount.get();
    }

    /** The {@code n}-th request from now answers {@code status} (503: transient; 403: final), once. */
    public void failRequest(int n, int status) {
        failAtStatus = status;
        failAt = requestCount.get() + n;
    }

    /** The next {@code times} GETs of an object answer 500 InternalError. */
    public void failGets(int times) {
        getFailures.set(times);
    }

    /** Every request answers 503 SlowDown for the next {@code millis} of real time (a storm that passes). */
    public void unavailableFor(long millis) {
        unavailableUntilMillis = System.currentTimeMillis() + millis;
    }

    /**
     * The next {@code times} writes (PUT, DELETE) to a path containing {@code pathPart} are carried out, and then
     * answered 500: the write landed but its answer was lost.
     */
    public void loseAnswers(String pathPart, int times) {
        losingPath = pathPart;
        lostAnswers.set(times);
    }

    /**
     * PUTs whose path contains {@code pathPart} wait, once they arrive, until {@link #release}: a request in flight
     * when the process dies. They then answer 503 if the store was made unavailable meanwhile.
     */
    public void holdPuts(String pathPart) {
        held = new CountDownLatch(1);
        holdPath = pathPart;
    }

    /** Waits until a held PUT has arrived. */
    public boolean awaitHeld(long millis) throws InterruptedException {
        for (long end = System.currentTimeMillis() + millis; System.currentTimeMillis() < end; Thread.sleep(10)) {
            if (heldArrived.get() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code invocation} on its own thread until one of its PUTs is held ({@link #holdPuts}), then kills it
     * there: the store answers it nothing more and its thread is interrupted. The store is available again after.
     *
     * @return whether a held PUT arrived within {@code awaitMillis}
     */
    public boolean killAtHeldPut(Callable<?> invocation, long awaitMillis) throws InterruptedException {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> dying = pool.submit(invocation);
            boolean arrived = awaitHeld(awaitMillis);
            setUnavailable(true);
            pool.shutdownNow();
            try {
                dying.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | CancellationException
                     | TimeoutException e) {
                // Dead is dead.
            }
            return arrived;
        } finally {
            pool.shutdownNow();
            release();
            setUnavailable(false);
        }
    }

    public void release() {
        holdPath = null;
        held.countDown();
    }

    /** The next {@code times} DELETEs answer 403 AccessDenied: final, as for a writer that died. */
    public void failDeletes(int times) {
        deleteFailures.set(times);
    }

    /** Rewrites every stored marker's IN_PROGRESS window as ended: time has passed for the next delivery. */
    public void expireWindows() {
        objects.replaceAll((path, body) -> new String(body, StandardCharsets.UTF_8)
                .replaceAll("\"inProgressUntil\":[0-9]+", "\"inProgressUntil\":0")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The marker statuses stored, e.g. [COMPLETED]. */
    public List<String> statuses() {
        List<String> out = new ArrayList<>();
        for (byte[] body : objects.values()) {
            Matcher m = Pattern.compile("\"status\":\"([A-Z_]+)\"")
                    .matcher(new String(body, StandardCharsets.UTF_8));
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The PUT requests to a path (decoded, with leading '/'), oldest first. */
    public List<LoggedRequest> puts(String path) {
        return requests("PUT", path);
    }

    /** Every request received, oldest first. */
    public List<LoggedRequest> requests() {
        List<LoggedRequest> out = new ArrayList<>();
        for (ServeEvent e : server.getAllServeEvents()) {
            out.add(0, e.getRequest());
        }
        return out;
    }

    /** The requests of a method to a path (decoded, with leading '/'), oldest first. */
    public List<LoggedRequest> requests(String method, String path) {
        List<LoggedRequest> out = new ArrayList<>();
        for (ServeEvent e : server.getAllServeEvents()) {
            if (e.getRequest().getMethod().getName().equals(method) && URI.create(e.getRequest().getUrl()).getPath()
                    .equals(path)) {
                out.add(0, e.getRequest());
            }
        }
        return out;
    }

    /** When the last request arrived, epoch milliseconds (0 if none). */
    public long lastRequestMillis() {
        return server.getAllServeEvents().stream().mapToLong(e -> e.getRequest().getLoggedDate().getTime()).max()
                .orElse(0);
    }

    /** Checks that every request was signed correctly, then stops the server whatever the check found. */
    public void assertAllSignedAndClose() {
        try {
            org.junit.jupiter.api.Assertions.assertEquals(0, badSignatures.get(), "every COS request signed correctly");
        } finally {
            close();
        }
    }

    public int badSignatures() {
        return badSignatures.get();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Bucket implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            LoggedRequest r = event.getRequest();
            String path = URI.create(r.getUrl()).getPath();
            if (requestCount.incrementAndGet() == failAt) {
                return error(failAtStatus, failAtStatus == 403 ? "AccessDenied" : "ServiceUnavailable");
            }
            if (unavailable.get()) {
                return error(503, "ServiceUnavailable");
            }
            if (System.currentTimeMillis() < unavailableUntilMillis) {
                return error(503, "SlowDown");
            }
            Map<String, String> params = new HashMap<>();
            r.getQueryParams().forEach((name, value) -> params.put(name, value.firstValue()));
            String problem = verifier.problem(r.getMethod().getName(), path, params, r::getHeader,
                    System.currentTimeMillis() / 1000);
            if (problem != null) {
                badSignatures.incrementAndGet();
                return error(403, "SignatureDoesNotMatch");
            }
            String hold = holdPath;
            if (hold != null && r.getMethod().getName().equals("PUT") && path.contains(hold)) {
                heldArrived.incrementAndGet();
                try {
                    held.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (unavailable.get()) {
                    return error(503, "ServiceUnavailable");
                }
            }
            if (r.getMethod().getName().equals("PUT") && !failingBody.isEmpty()
                    && r.getBodyAsString().contains(failingBody) && failures.getAndDecrement() > 0) {
                return failingStatus == 403 ? error(403, "AccessDenied") : error(failingStatus, "ServiceUnavailable");
            }
            if (r.getMethod().getName().equals("GET") && !path.equals("/") && getFailures.getAndDecrement() > 0) {
                return error(500, "InternalError");
            }
            if (!r.getMethod().getName().equals("GET") && !losingPath.isEmpty() && path.contains(losingPath)
                    && lostAnswers.getAndDecrement() > 0) {
                apply(r, path, params);
                return error(500, "InternalError");
            }
            if (r.getMethod().getName().equals("DELETE") && deleteFailures.getAndDecrement() > 0) {
                return error(403, "AccessDenied");
            }
            return apply(r, path, params);
        }

        private ResponseDefinition apply(LoggedRequest r, String path, Map<String, String> params) {
            switch (r.getMethod().getName()) {
                case "PUT":
                    if ("true".equals(r.getHeader("x-cos-forbid-overwrite"))) {
                        if (objects.putIfAbsent(path, r.getBody()) != null) {
                            return error(409, "FileAlreadyExists");
                        }
                    } else {
                        objects.put(path, r.getBody());
                    }
                    modified.put(path, bucketClock.instant().truncatedTo(ChronoUnit.MILLIS));
                    return new ResponseDefinition(200, "");
                case "GET":
                    if (path.equals("/") && params.containsKey("prefix")) {
                        return listing(params);
                    }
                    byte[] body = objects.get(path);
                    if (body == null) {
                        return error(404, "NoSuchKey");
                    }
                    Matcher range = Pattern.compile("bytes=(\\d+)-(\\d+)")
                            .matcher(String.valueOf(r.getHeader("Range")));
                    if (range.matches()) {
                        // As COS does: 206 with the asked-for bytes (fewer at the end) and the whole size.
                        int from = Integer.parseInt(range.group(1));
                        if (from >= body.length) {
                            return error(416, "InvalidRange");
                        }
                        int to = (int) Math.min(body.length - 1, Long.parseLong(range.group(2)));
                        servedBytes.addAndGet(to - from + 1);
                        return ResponseDefinitionBuilder.responseDefinition().withStatus(206)
                                .withHeader("Content-Range", "bytes " + from + "-" + to + "/" + body.length)
                                .withBody(Arrays.copyOfRange(body, from, to + 1)).build();
                    }
                    servedBytes.addAndGet(body.length);
                    return new ResponseDefinition(200, body);
                case "DELETE":
                    objects.remove(path);
                    return new ResponseDefinition(204, "");
                default:
                    return error(405, "MethodNotAllowed");
            }
        }

        @Override
        public String getName() {
            return "fake-cos-bucket";
        }
    }

    /** GET Bucket: keys under the prefix after the marker, max-keys at a time (the fake's cap: 2, to exercise paging).
     * */
    private ResponseDefinition listing(Map<String, String> params) {
        String prefix = params.get("prefix");
        String marker = params.getOrDefault("marker", "");
        int max = Math.min(Integer.parseInt(params.getOrDefault("max-keys", "1000")), pageSize);
        List<String> keys = new ArrayList<>();
        for (String path : new TreeSet<>(objects.keySet())) {
            String key = path.substring(1);
            if (key.startsWith(prefix) && key.compareTo(marker) > 0) {
                keys.add(key);
            }
        }
        boolean truncated = keys.size() > max;
        List<String> page = keys.subList(0, Math.min(max, keys.size()));
        StringBuilder xml = new StringBuilder(
                "<?xml version='1.0' encoding='utf-8' ?><ListBucketResult><Name>b</Name><Prefix>")
                .append(escape(prefix)).append("</Prefix><Marker>").append(escape(marker)).append("</Marker><MaxKeys>")
                .append(max).append("</MaxKeys><IsTruncated>").append(truncated).append("</IsTruncated>");
        if (truncated) {
            xml.append("<NextMarker>").append(escape(page.get(page.size() - 1))).append("</NextMarker>");
        }
        for (String key : page) {
            xml.append("<Contents><Key>").append(escape(key)).append("</Key><LastModified>")
                    .append(modified.getOrDefault("/" + key, Instant.EPOCH)).append("</LastModified><Size>")
                    .append(objects.get("/" + key).length).append("</Size></Contents>");
        }
        return new ResponseDefinition(200, xml.append("</ListBucketResult>").toString());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static ResponseDefinition error(int status, String code) {
        return new ResponseDefinition(status, "<?xml version='1.0' encoding='utf-8' ?><Error><Code>" + code
                + "</Code></Error>");
    }
}
