package com.aigcaudio.plan;

import com.aigcaudio.config.Settings;
import com.aigcaudio.core.InvalidRequestException;
import com.aigcaudio.core.UploadedObject;
import com.aigcaudio.function.FunctionConfig;
import com.aigcaudio.json.Json;
import com.aigcaudio.tencent.auth.Credentials;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.testing.FunctionHarness;
import com.aigcaudio.testing.MutableClock;
import com.aigcaudio.trigger.cos.CosEventDecoder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From a unit of work to the request body: defaults, filters, media references, prompts, merged objects. */
class TaskPlannerTest {
    private final Map<String, String> env = FunctionHarness.fixtureEnv(URI.create("https://vod.tencentcloudapi.com/"));

    private TaskPlanner planner() {
        FunctionConfig config = FunctionConfig.from(new Settings(env::get));
        return new TaskPlanner(config.defaults(), config.cos(), new MediaUrls(config.mediaUrls(),
                CredentialsProvider.fixed(Credentials.of("AKIDplanner", "planner-secret")), FunctionHarness.AWS,
                new MutableClock(Instant.parse("2026-12-02T10:00:00Z"))));
    }

    /** The fixture upload with another key, Content-Type, event name or metadata. */
    @SuppressWarnings("unchecked")
    private static UploadedObject upload(String key, String contentType, String eventName, Map<String, String> meta) {
        Map<String, Object> record = (Map<String, Object>) ((List<Object>) FunctionHarness.load(
                Path.of("events/cos-video-upload.json")).get("Records")).get(0);
        Map<String, Object> object = (Map<String, Object>) ((Map<String, Object>) record.get("cos")).get("cosObject");
        object.put("key", "/1250000000/videos/" + key);
        Map<String, Object> headers = new LinkedHashMap<>((Map<String, Object>) object.get("meta"));
        headers.put("Content-Type", contentType);
        headers.putAll(meta);
        object.put("meta", headers);
        ((Map<String, Object>) record.get("event")).put("eventName", eventName);
        return CosEventDecoder.decode(record, "Records[0]");
    }

    private static UploadedObject upload(String key, String contentType) {
        return upload(key, contentType, "cos:ObjectCreated:Put", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Plan plan) {
        assertFalse(plan.skipped(), plan.skipReason());
        return (Map<String, Object>) Json.parse(Json.toBytes(plan.task().toJsonValue()));
    }

    @Test
    void video_becomesAPresignedVideoReference_withTheRenderedPrompt() {
        Map<String, Object> body = body(planner().forCosObject(upload("incoming/holiday.mp4", "video/mp4")));

        assertEquals("Soundtrack for holiday.mp4", body.get("Prompt"));
        assertEquals("MiniMaxMusic", body.get("ModelName"));
        Map<?, ?> video = (Map<?, ?>) ((List<?>) body.get("VideoInfos")).get(0);
        assertEquals("Url", video.get("Type"));
        String url = (String) video.get("Url");
        assertTrue(url.startsWith("https://videos-1250000000.cos.ap-guangzhou.myqcloud.com/incoming/holiday.mp4?")
                && url.contains("q-signature="), url);
        assertFalse(body.containsKey("AudioInfos"));
    }

    @Test
    void audio_becomesAnAudioReference() {
        Map<String, Object> body = body(planner().forCosObject(upload("incoming/voice.m4a", "audio/mp4")));

        assertTrue(body.containsKey("AudioInfos"), String.valueOf(body));
        assertFalse(body.containsKey("VideoInfos"));
    }

    @Test
    void promptMetadata_winsOverTheTemplate() {
        Map<String, Object> body = body(planner().forCosObject(upload("incoming/holiday.mp4", "video/mp4",
                "cos:ObjectCreated:Put", Map.of(TaskPlanner.PROMPT_METADATA, "Calm piano"))));

        assertEquals("Calm piano", body.get("Prompt"));
    }

    @Test
    void notACreation_outOfScope_orNotMedia_areSkippedWithTheirReason() {
        env.put("AIGC_COS_PREFIXES", "incoming/");
        TaskPlanner planner = planner();

        assertTrue(planner.forCosObject(upload("incoming/a.mp4", "video/mp4", "cos:ObjectRemove:Delete", Map.of()))
                .skipReason().contains("not an object creation"));
        assertTrue(planner.forCosObject(upload("drafts/a.mp4", "video/mp4")).skipReason().contains(
                "AIGC_COS_PREFIXES"));
        assertTrue(planner.forCosObject(upload("incoming/a.pdf", "application/pdf")).skipReason()
                .contains("not a video or audio"));
    }

    @Test
    void mps_referencesTheVideoByVideoUrl() {
        env.put("AIGC_SERVICE", "mps");
        env.put("AIGC_TASK_DEFAULTS", FunctionHarness.MPS_DEFAULTS);

        Map<String, Object> body = body(planner().forCosObject(upload("incoming/holiday.mp4", "video/mp4")));

        Map<?, ?> video = (Map<?, ?>) ((List<?>) body.get("VideoInfos")).get(0);
        assertTrue(((String) video.get("VideoUrl")).contains("incoming/holiday.mp4"), String.valueOf(video));
    }

    @Test
    void spec_overDefaults_objectsMergedFieldByField_promptFromTheTemplateWhenAbsent() {
        Map<String, Object> requested = new LinkedHashMap<>();
        requested.put("OutputConfig", Map.of("Duration", 30));

        Map<String, Object> body = body(Plan.of(planner().forSpec(requested, Map.of("filename", "clip.mp4"))));

        assertEquals("Soundtrack for clip.mp4", body.get("Prompt"));
        Map<?, ?> output = (Map<?, ?>) body.get("OutputConfig");
        assertEquals("mp3", output.get("OutputAudioFormat"), "the default kept");
        assertEquals(30, ((Number) output.get("Duration")).intValue(), "the request's field added");
    }

    @Test
    void spec_requestedPromptWins() {
        Map<String, Object> body = body(Plan.of(planner().forSpec(Map.of("Prompt", "Rain"), Map.of())));

        assertEquals("Rain", body.get("Prompt"));
    }

    @Test
    void spec_configurationOnlyField_isRefusedNamingIt() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> planner().forSpec(Map.of("SubAppId", 1), Map.of()));

        assertEquals("SubAppId", e.field());
    }
}
