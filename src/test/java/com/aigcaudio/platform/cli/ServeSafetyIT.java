package com.aigcaudio.platform.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code serve} as its own process (the JDK server's time limits are read once per JVM), attacked over raw sockets
 * the way a hostile page or local program could: path tricks under /local/, symbolic links, slow clients, huge
 * bodies and foreign Host names.
 */
class ServeSafetyIT {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static Process serve;
    private static int port;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("serve-safety");
        // A 2 s request limit instead of 10 s, so the cut-off is seen quickly (a -D the user sets wins).
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-Dsun.net.httpserver.maxReqTime=2", "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--port", "0", "--emulator-ms", "0,0");
        builder.environment().put("AIGC_STATE", "file:" + dir.toString());
        builder.environment().put("AIGC_HTTP_MAX_BODY_BYTES", "4096");
        builder.environment().remove("TENCENTCLOUD_SECRET_ID");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        serve = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(out.readLine());
        assertTrue(m.find(), "serve printed its URL");
        port = Integer.parseInt(m.group(1));
        // One task delivered: a soundtrack under soundtracks/, and claims and tracking records beside it.
        String created = request("POST /tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 17\r\nConnection: close\r\n\r\n{\"Prompt\":\"rain\"}");
        assertTrue(created.startsWith("HTTP/1.1 202"), created);
        String taskId = created.replaceAll("(?s).*\"taskId\":\"([^\"]+)\".*", "$1");
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(dir.resolve("soundtracks/tasks/" + taskId + ".wav")) && System.nanoTime() < giveUp) {
            request("GET /tasks/" + taskId + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        }
        assertTrue(Files.exists(dir.resolve("soundtracks/tasks/" + taskId + ".wav")), "delivered");
    }

    @AfterAll
    static void stop() throws Exception {
        if (serve != null) {
            serve.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Sends raw bytes, returns everything answered until the server closes (at most 20 s). */
    private static String request(String raw) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String get(String rawPath) throws IOException {
        return request("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
    }

    private static List<String> stateFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("soundtracks/")).collect(Collectors.toList());
        }
    }

    @Test
    void local_servesSoundtracks_butNoStateRecordWhateverThePathSpelling() throws Exception {
        String soundtrack;
        try (Stream<Path> files = Files.walk(dir.resolve("soundtracks"))) {
            soundtrack = dir.relativize(files.filter(p -> p.toString().endsWith(".wav")
                    && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).findFirst().orElseThrow())
                    .toString();
        }
        String served = get("/local/" + soundtrack);
        assertTrue(served.startsWith("HTTP/1.1 200"), soundtrack + " → " + served.lines().findFirst().orElse(""));
        List<String> records = stateFiles();
        assertFalse(records.isEmpty(), "claims and tracking records exist to be protected");
        for (String record : records) {
            for (String path : new String[] {"/local/soundtracks/../" + record, "/local/soundtracks/%2e%2e/" + record,
                    "/local/soundtracks%2f..%2f" + record, "/local/soundtracks/./../" + record,
                    "/local/soundtracks%5c..%5c" + record, "/local/" + record}) {
                String answer = get(path);
                assertTrue(answer.startsWith("HTTP/1.1 404"), path + " → " + answer);
            }
        }
    }

    @Test
    void local_symbolicLinksUnderTheResults_areNotFollowed() throws Exception {
        Path secret = Files.writeString(Files.createTempFile("outside", ".txt"), "not for the browser");
        Files.createSymbolicLink(dir.resolve("soundtracks/link.wav"), secret);
        Files.createSymbolicLink(dir.resolve("soundtracks/linked-dir"), secret.getParent());

        assertTrue(get("/local/soundtracks/link.wav").startsWith("HTTP/1.1 404"));
        assertTrue(get("/local/soundtracks/linked-dir/" + secret.getFileName()).startsWith("HTTP/1.1 404"));
    }

    @Test
    void slowClients_cannotStarveOthers_andAreCutOff() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.getOutputStream().write("POST /tasks HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(
                        StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            assertTrue(get("/").startsWith("HTTP/1.1 200"), "the page answers while 40 clients dawdle");
            Socket first = slow.get(0);
            first.setSoTimeout(30_000);
            assertEquals(-1, first.getInputStream().read(), "a request that never finishes is closed by the server");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void bodyOverTheLimit_isRefusedBeforeItIsRead() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 104857600\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", status, "answered without the 100 MiB being sent");
        }
        String chunked = request("POST /tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n2000\r\n" + " ".repeat(0x2000)
                        + "\r\n0\r\n\r\n");
        assertTrue(chunked.startsWith("HTTP/1.1 413"), chunked);
        assertTrue(chunked.contains("\"code\":\"PayloadTooLarge\""), chunked);
    }

    @Test
    void foreignHostNames_areRefused_localOnesServed() throws Exception {
        String rebound = request("GET / HTTP/1.1\r\nHost: evil.example:" + port + "\r\nConnection: close\r\n\r\n");
        assertTrue(rebound.startsWith("HTTP/1.1 403") && rebound.contains("HostNotAllowed"), rebound);
        assertTrue(request("GET / HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n")
                .startsWith("HTTP/1.1 200"));
        assertTrue(request("GET / HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: close\r\n\r\n")
                .startsWith("HTTP/1.1 403"), "another port is another origin");
    }
}
