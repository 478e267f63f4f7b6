package com.aigcaudio.tencent.aigc;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.InvalidRequestException;
import com.aigcaudio.core.Service;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.tencent.client.ApiException;
import com.aigcaudio.tencent.client.ClientConfig;
import com.aigcaudio.tencent.client.TencentCloudClient;
import com.aigcaudio.testing.FakeTencentCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;

import static com.aigcaudio.testing.FakeTencentCloud.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both status queries against WireMock: every status, failures, review refusals and malformed answers. */
class DescribeAudioTaskTest {
    private FakeTencentCloud fake;

    @AfterEach
    void stop() {
        fake.assertAllSignedAndClose();
    }

    private AudioTaskStatus describe(String service, String action, String response) {
        fake = new FakeTencentCloud(service);
        fake.stub(fake.action(action).willReturn(json("{\"Response\":" + response + "}")));
        TencentCloudClient client = new TencentCloudClient(ClientConfig.builder(Service.fromName(service))
                .endpoint(fake.endpoint()).maxAttempts(1).build(),
                CredentialsProvider.fixed(Credentials.of(FakeTencentCloud.SECRET_ID, FakeTencentCloud.SECRET_KEY)));
        return new AigcAudioTasks(client).describe("task-1", service.equals("vod") ? 251441341L : null,
                Deadline.after(Clock.systemUTC(), Duration.ofSeconds(10)));
    }

    private AudioTaskStatus vod(String response) {
        return describe("vod", "DescribeTaskDetail", response);
    }

    private AudioTaskStatus mps(String response) {
        return describe("mps", "DescribeAigcAudioTask", response);
    }

    @Test
    void vod_waitingAndProcessing_areQueuedAndRunningWithProgress() {
        assertEquals(AudioTaskStatus.State.QUEUED, vod("{\"Status\":\"WAITING\",\"RequestId\":\"r\"}").state());
        AudioTaskStatus running = vod(
                "{\"Status\":\"PROCESSING\",\"AigcAudioTask\":{\"Progress\":40},\"Extra\":1,\"RequestId\":\"r\"}");
        assertEquals(AudioTaskStatus.State.RUNNING, running.state());
        assertEquals(40, running.progress());
        String body = fake.requests().get(0).getBodyAsString();
        assertEquals("{\"TaskId\":\"task-1\",\"SubAppId\":251441341}", body);
    }

    @Test
    void vod_finish_isDoneWithTheOutputFiles() {
        AudioTaskStatus done = vod(
                "{\"Status\":\"FINISH\",\"AigcAudioTask\":{\"ErrCode\":0,\"Progress\":100,\"Output\":"
                + "{\"AudioInfos\":[{\"StorageMode\":\"Permanent\",\"FileType\":\"mp3\",\"FileUrl\":\"https://x/"
                        + "a.mp3\","
                + "\"FileId\":\"5285890\",\"Unknown\":true}]}},\"RequestId\":\"r\"}");
        assertEquals(AudioTaskStatus.State.DONE, done.state());
        assertEquals("https://x/a.mp3", done.outputs().get(0).url());
        assertEquals("5285890", done.outputs().get(0).fileId());
        assertEquals("Permanent", done.outputs().get(0).storageMode());
    }

    @ParameterizedTest
    @CsvSource({"InvalidParameter.VoilationContent, true", "ContentModerationFailed, true",
            "ModelGenerateFailed, false",
            "TaskTimeout, false"})
    void vod_finishWithErrCode_isFailedTellingReviewRefusals(String ext, boolean review) {
        AudioTaskStatus failed = vod("{\"Status\":\"FINISH\",\"AigcAudioTask\":{\"ErrCode\":70000,\"ErrCodeExt\":\""
                + ext
                + "\",\"Message\":\"no\"},\"RequestId\":\"r\"}");
        assertEquals(AudioTaskStatus.State.FAILED, failed.state());
        assertEquals(ext, failed.errorCodeExt());
        assertEquals("70000", failed.errorCode());
        assertEquals(review, failed.refusedByReview());
    }

    @Test
    void vod_aborted_isFailed() {
        assertEquals(AudioTaskStatus.State.FAILED, vod("{\"Status\":\"ABORTED\",\"RequestId\":\"r\"}").state());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"RequestId\":\"r\"}|Status is missing",
            "{\"Status\":7,\"RequestId\":\"r\"}|Status is not a string",
            "{\"Status\":\"LATER\",\"RequestId\":\"r\"}|unknown value LATER",
            "{\"Status\":\"FINISH\",\"RequestId\":\"r\"}|AigcAudioTask is missing",
            "{\"Status\":\"FINISH\",\"AigcAudioTask\":{\"ErrCode\":0,\"Output\":{\"AudioInfos\":[]}},\"RequestId"
                    + "\":\"r\"}|is empty"})
    void vod_malformed_isAClearErrorNamingTheField(String response, String expected) {
        ApiException e = assertThrows(ApiException.class, () -> vod(response));
        assertEquals("MalformedResponse", e.code());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void mps_everyStatus() {
        assertEquals(AudioTaskStatus.State.QUEUED, mps("{\"Status\":\"WAIT\",\"RequestId\":\"r\"}").state());
        assertEquals(AudioTaskStatus.State.RUNNING, mps("{\"Status\":\"RUN\",\"RequestId\":\"r\"}").state());
        fake.close();
        AudioTaskStatus failed = mps("{\"Status\":\"FAIL\",\"Message\":\"Invalid model name for music\","
                + "\"RequestId\":\"r\"}");
        assertEquals(AudioTaskStatus.State.FAILED, failed.state());
        assertEquals("TaskFailed", failed.errorCode(), "MPS has no error code field: ours, never Unknown");
        assertFalse(failed.refusedByReview());
        fake.close();
        AudioTaskStatus done = mps(
                "{\"Status\":\"DONE\",\"AudioInfos\":[{\"Url\":\"https://m/a.wav\",\"Duration\":6.5}],"
                + "\"RequestId\":\"r\"}");
        assertEquals("https://m/a.wav", done.outputs().get(0).url());
        assertEquals(6.5, done.outputs().get(0).duration());
        assertNull(done.errorCode());
        assertEquals("{\"TaskId\":\"task-1\"}", fake.requests().get(0).getBodyAsString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"The prompt violates the content policy", "content moderation failed", "内容审核未通过"})
    void mps_failWhoseMessageSpeaksOfReview_isAReviewRefusal(String message) {
        AudioTaskStatus failed = mps("{\"Status\":\"FAIL\",\"Message\":\"" + message + "\",\"RequestId\":\"r\"}");
        assertEquals("ContentReviewRefused", failed.errorCode());
        assertTrue(failed.refusedByReview());
    }

    @Test
    void mps_doneWithoutUrl_isMalformed() {
        ApiException e = assertThrows(ApiException.class, () -> mps(
                "{\"Status\":\"DONE\",\"AudioInfos\":[{}],\"RequestId\":\"r\"}"));
        assertTrue(e.getMessage().contains("Url is missing"), e.getMessage());
    }

    @Test
    void describe_badTaskId_isRefusedBeforeAnyCall() {
        fake = new FakeTencentCloud("vod");
        DescribeAudioTask request = new DescribeAudioTask(Service.VOD, "../x", null);
        InvalidRequestException e = assertThrows(InvalidRequestException.class, request::validate);
        assertEquals("TaskId", e.field());
    }
}
