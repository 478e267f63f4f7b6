package com.aigcaudio.emulator;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.Service;
import com.aigcaudio.tencent.aigc.AigcAudioTasks;
import com.aigcaudio.tencent.aigc.AudioTaskStatus;
import com.aigcaudio.tencent.aigc.MpsAudioTask;
import com.aigcaudio.tencent.aigc.VodAudioTask;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.tencent.client.ApiException;
import com.aigcaudio.tencent.client.ClientConfig;
import com.aigcaudio.tencent.client.TencentCloudClient;
import com.aigcaudio.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Emulated tasks progress with time, survive the emulator (their state is in the id), and finish with a real WAV. */
class EmulatedProgressTest {
    private static final Duration RUNNING = Duration.ofMillis(200);
    private static final Duration DONE = Duration.ofMillis(600);

    private static AigcAudioTasks tasks(AigcEmulator emulator, Service service) {
        return new AigcAudioTasks(new TencentCloudClient(ClientConfig.builder(service).endpoint(emulator.endpoint())
                .maxAttempts(1).build(), CredentialsProvider.fixed(AigcEmulator.CREDENTIALS)));
    }

    private static Deadline deadline() {
        return Deadline.after(Clock.systemUTC(), Duration.ofSeconds(10));
    }

    @Test
    void vodTask_queuedRunningDone_andAnotherEmulatorStillKnowsIt() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        String taskId;
        try (AigcEmulator first = AigcEmulator.start(Service.VOD, 0, null, RUNNING, DONE, clock)) {
            AigcAudioTasks tasks = tasks(first, Service.VOD);
            taskId = tasks.create(VodAudioTask.builder().prompt("rain").build(), deadline()).taskId();
            assertEquals(AudioTaskStatus.State.QUEUED, tasks.describe(taskId, null, deadline()).state());
            clock.advance(RUNNING.minusMillis(1));
            assertEquals(AudioTaskStatus.State.QUEUED, tasks.describe(taskId, null, deadline()).state());
            clock.advance(Duration.ofMillis(1));
            AudioTaskStatus running = tasks.describe(taskId, null, deadline());
            assertEquals(AudioTaskStatus.State.RUNNING, running.state());
            assertTrue(running.progress() >= 0 && running.progress() < 100, String.valueOf(running.progress()));
        }
        clock.advance(DONE.minus(RUNNING));
        try (AigcEmulator second = AigcEmulator.start(Service.VOD, 0, null, RUNNING, DONE, clock)) {
            AudioTaskStatus done = tasks(second, Service.VOD).describe(taskId, null, deadline());
            assertEquals(AudioTaskStatus.State.DONE, done.state());
            byte[] wav = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(done.outputs().get(0).url()))
                    .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
            assertEquals("RIFF", new String(wav, 0, 4, "US-ASCII"));
            assertEquals("WAVE", new String(wav, 8, 4, "US-ASCII"));
            ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(ToneWav.SAMPLE_RATE, header.getInt(24));
            assertEquals(wav.length - 44, header.getInt(40), "data size matches: a player reads it whole");
        }
    }

    @Test
    void mpsTask_generationFailurePrompt_failsAsMpsDoes_statusFailAndAMessage() throws Exception {
        try (AigcEmulator emulator = AigcEmulator.start(Service.MPS, 0, null, Duration.ZERO, Duration.ZERO,
                Clock.systemUTC())) {
            AigcAudioTasks tasks = tasks(emulator, Service.MPS);
            String taskId = tasks.create(MpsAudioTask.builder().prompt("a generation-failure please").build(),
                    deadline())
                    .taskId();
            AudioTaskStatus failed = tasks.describe(taskId, null, deadline());
            assertEquals(AudioTaskStatus.State.FAILED, failed.state());
            assertEquals("TaskFailed", failed.errorCode(), "MPS has no error code: ours, from FAIL and the message");
            assertTrue(failed.message().contains("could not generate"), failed.message());
            HttpResponse<Void> noFile = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    emulator.endpoint().resolve("results/" + taskId + ".wav")).build(),
                            HttpResponse.BodyHandlers.discarding());
            assertEquals(404, noFile.statusCode());
        }
    }

    @Test
    void describe_unknownTask_isResourceNotFound() throws Exception {
        try (AigcEmulator emulator = AigcEmulator.start(Service.VOD)) {
            ApiException e = assertThrows(ApiException.class,
                    () -> tasks(emulator, Service.VOD).describe("1500000000-AigcAudioTask-nothere", null, deadline()));
            assertEquals("ResourceNotFound", e.code());
        }
    }
}
