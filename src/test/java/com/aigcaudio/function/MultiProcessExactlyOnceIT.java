package com.aigcaudio.function;

import com.aigcaudio.platform.cli.Main;
import com.aigcaudio.testing.FakeCos;
import com.aigcaudio.testing.FakeTencentCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.aigcaudio.testing.FakeTencentCloud.json;
import static com.aigcaudio.testing.FakeTencentCloud.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Separate JVMs (the real {@code invoke}) sharing one COS state store (FakeCos: forbid-overwrite enforced, every
 * signature checked) and one API stand-in that counts created tasks: concurrent deliveries, and a process killed
 * with its POST in flight, still give exactly one paid task.
 */
class MultiProcessExactlyOnceIT {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final FakeTencentCloud vod = new FakeTencentCloud("vod");
    private final FakeCos cos = new FakeCos();

    @AfterEach
    void tearDown() {
        try {
            vod.assertAllSignedAndClose();
        } finally {
            cos.assertAllSignedAndClose();
        }
    }

    private Process invoke(Path output, String event) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "invoke", event);
        builder.environment().put("AIGC_ENDPOINT", vod.endpoint().toString());
        builder.environment().put("TENCENTCLOUD_SECRET_ID", FakeTencentCloud.SECRET_ID);
        builder.environment().put("TENCENTCLOUD_SECRET_KEY", FakeTencentCloud.SECRET_KEY);
        builder.environment().put("AIGC_STATE", "cos://state-1250000000.ap-guangzhou/");
        builder.environment().put("AIGC_RESULTS", "none");
        builder.environment().put("AIGC_COS_ENDPOINT", cos.endpoint().toString());
        builder.environment().put("AIGC_CONNECTION_WARMUP", "false");
        builder.redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }

    private long creates() {
        return vod.requests().stream().filter(r -> "CreateAigcAudioTask".equals(r.getHeader("X-TC-Action"))).count();
    }

    @Test
    void eightProcessesDeliveringOneUpload_createOneTask() throws Exception {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success("task-mp", "r")).withFixedDelay(300)));
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path out = Files.createTempFile("mp", ".out");
            outputs.add(out);
            processes.add(invoke(out, "events/cos-video-upload.json"));
        }
        for (Process p : processes) {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "every process exits");
        }
        int created = 0;
        for (Path out : outputs) {
            String text = Files.readString(out, StandardCharsets.UTF_8);
            created += text.contains("\"status\":\"created\"") ? 1 : 0;
            Files.delete(out);
        }
        assertEquals(1, created);
        assertEquals(1, creates(), "one paid task");
    }

    @Test
    void processKilledWithThePostInFlight_redeliveryAfterTheWindowCreatesNoSecondTask() throws Exception {
        vod.stub(vod.action("CreateAigcAudioTask").willReturn(json(success("task-killed", "r")).withFixedDelay(
                20_000)));
        Path out = Files.createTempFile("mp", ".out");
        Process victim = invoke(out, "events/cos-video-upload.json");
        for (int i = 0; i < 300 && creates() == 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(1, creates(), "the POST is in flight");
        victim.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        cos.expireWindows();

        Process redelivery = invoke(out, "events/cos-video-upload.json");
        assertTrue(redelivery.waitFor(60, TimeUnit.SECONDS));
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);

        assertTrue(text.contains("PreviousOutcomeUnknown"), text);
        assertEquals(1, creates(), "no second paid task");
    }
}
