package com.aigcaudio.testing;

import com.adobe.testing.s3mock.S3MockApplication;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Adobe S3Mock, a real S3-compatible server (it enforces If-None-Match and If-Match), started once per test JVM,
 * behind a loopback proxy that checks every request's SigV4 signature with {@link IndependentSigV4Verifier}
 * (S3Mock itself accepts any signature) before forwarding it. S3Mock 4.7 checks If-None-Match / If-Match and then
 * writes in a second step, so concurrent conditional PUTs of one key can all succeed (measured: 4 of 8 contenders
 * won), and a GET that meets a replace of its key answers 500; S3 makes each write atomic and a read sees the old or
 * the new object. The proxy therefore runs the requests to one key one at a time, which is the guarantee S3
 * documents, and leaves everything else to S3Mock.
 */
public final class RealS3 {
    public static final String ACCESS_KEY = "ASIATESTROLEKEY00001";
    public static final String SECRET_KEY = "s3-test-secret/with+chars";
    public static final String TOKEN = "s3-session-token+/=";
    private static RealS3 instance;

    private final URI s3mock;
    private final URI proxy;
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger buckets = new AtomicInteger();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Object> keyLocks = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private static final Set<String> HOP = Set.of("host", "content-length", "connection", "expect", "transfer-encoding",
            "upgrade", "date");

    private RealS3() throws IOException {
        S3MockApplication app = S3MockApplication.start(new HashMap<>(Map.of(
                S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
                S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT,
                S3MockApplication.PROP_ROOT_DIRECTORY, Files.createTempDirectory("s3mock").toString(),
                S3MockApplication.PROP_SILENT, true,
                "logging.level.root", "WARN",
                "spring.main.banner-mode", "off")));
        s3mock = URI.create("http://127.0.0.1:" + app.getHttpPort());
        IndependentSigV4Verifier verifier = new IndependentSigV4Verifier(ACCESS_KEY, SECRET_KEY, TOKEN);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String problem = verifier.problem(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders()::getFirst, body,
                    System.currentTimeMillis() / 1000);
            if (problem != null) {
                badSignatures.incrementAndGet();
                problems.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + ": " + problem);
                exchange.sendResponseHeaders(403, -1);
                exchange.close();
                return;
            }
            String rawPath = exchange.getRequestURI().getRawPath();
            requests.add(exchange.getRequestMethod() + " " + rawPath);
            Fault fault = takeFault(exchange.getRequestMethod(), rawPath);
            if (fault != null && !fault.landed) {
                exchange.sendResponseHeaders(fault.status, -1);
                exchange.close();
                return;
            }
            Object lock = keyLocks.computeIfAbsent(rawPath, k -> new Object());
            synchronized (lock) {
                forward(exchange, body, fault != null);
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        proxy = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next {@code times} requests of {@code method} to a path containing {@code pathPart} answer 503 SlowDown. */
    public void failNext(String method, String pathPart, int times) {
        faults.add(new Fault(method, pathPart, times, false, 503));
    }

    /** The next {@code times} requests of {@code method} to a path containing {@code pathPart} answer 403: final. */
    public void refuseNext(String method, String pathPart, int times) {
        faults.add(new Fault(method, pathPart, times, false, 403));
    }

    /**
     * The next {@code times} requests of {@code method} to a path containing {@code pathPart} reach S3Mock and are
     * carried out, and then answered 500: the write landed but its answer was lost.
     */
    public void loseAnswers(String method, String pathPart, int times) {
        faults.add(new Fault(method, pathPart, times, true, 500));
    }

    /** "METHOD /raw/path" of every request that passed the signature check, oldest first. */
    public List<String> requests(String pathPart) {
        List<String> out = new ArrayList<>();
        for (String request : requests) {
            if (request.contains(pathPart)) {
                out.add(request);
            }
        }
        return out;
    }

    private static final class Fault {
        final String method;
        final String pathPart;
        final AtomicInteger left;
        final boolean landed;
        final int status;

        Fault(String method, String pathPart, int times, boolean landed, int status) {
            this.method = method;
            this.pathPart = pathPart;
            this.left = new AtomicInteger(times);
            this.landed = landed;
            this.status = status;
        }
    }

    private Fault takeFault(String method, String rawPath) {
        for (Fault fault : faults) {
            if (fault.method.equals(method) && rawPath.contains(fault.pathPart) && fault.left.getAndDecrement() > 0) {
                return fault;
            }
        }
        return null;
    }

    private void forward(com.sun.net.httpserver.HttpExchange exchange, byte[] body, boolean loseAnswer)
            throws IOException {
        String raw = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(s3mock + raw))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> forward.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            if (loseAnswer) {
                exchange.getResponseHeaders().clear();
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            byte[] answer = response.body();
            boolean empty = answer.length == 0 || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : answer.length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } finally {
            exchange.close();
        }
    }

    public static synchronized RealS3 get() {
        if (instance == null) {
            try {
                instance = new RealS3();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** Creates a new, empty bucket and returns its path-style URL through the verifying proxy. */
    public URI newBucket() {
        String name = "test-bucket-" + buckets.incrementAndGet() + "-" + ProcessHandle.current().pid();
        try {
            HttpResponse<Void> created = client.send(HttpRequest.newBuilder(URI.create(s3mock + "/" + name))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            if (created.statusCode() != 200) {
                throw new IllegalStateException("S3Mock refused to create bucket " + name + ": "
                        + created.statusCode());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return URI.create(proxy + "/" + name + "/");
    }

    /** The same bucket straight on S3Mock, for fetching presigned URLs (S3Mock ignores signatures). */
    public URI direct(URI bucketUrl) {
        return URI.create(s3mock + bucketUrl.getRawPath());
    }

    public int badSignatures() {
        return badSignatures.get();
    }

    public List<String> problems() {
        return problems;
    }
}
