package com.aigcaudio.function;

import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.json.Json;
import com.aigcaudio.testing.FakeTencentCloud;
import com.aigcaudio.testing.FunctionHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.aigcaudio.testing.FakeTencentCloud.json;
import static com.aigcaudio.testing.FakeTencentCloud.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MpsServiceTest {
    private final FakeTencentCloud mps = new FakeTencentCloud("mps");

    @AfterEach
    void tearDown() {
        mps.assertAllSignedAndClose();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("AIGC_SERVICE", "mps");
        env.put("AIGC_ENDPOINT", mps.endpoint().toString());
        // Public input bucket: the object URL as the event gives it (the presigned default is tested elsewhere).
        env.put("AIGC_MEDIA_URL", "object");
        env.put("AIGC_STATE", "memory:");
        env.put("AIGC_TASK_DEFAULTS", "{\"ModelName\":\"GL\",\"ModelVersion\":\"3.0-pro\",\"SceneType\":\"music\","
                + "\"OutputAudioFormat\":\"wav\",\"Operator\":\"scf\",\"ExtraParameters\":{\"ResourceId\":\"4389"
                        + "10555_1\"}}");
        env.put("AIGC_MPS_OUTPUT", "cos://videos-1250000000.ap-guangzhou/aigc-output/");
        env.put("AIGC_COS_PREFIXES", "incoming/");
        return env;
    }

    @Test
    void cos_videoAndAudio_becomeMpsStructsWithStoreCosParam() {
        mps.stub(mps.action("CreateAigcAudioTask").willReturn(json(success("mps-task", "r"))));

        new FunctionHarness(env()).invoke(FunctionHarness.load(Path.of("events/cos-multi-record.json")));

        assertEquals(2, mps.requests().size());
        // The records run concurrently: put the video's request first.
        List<String> bodies = mps.requests().stream().map(r -> r.getBodyAsString())
                .sorted(Comparator.comparing(b -> b.contains("VideoInfos") ? 0 : 1))
                .collect(Collectors.toList());
        assertEquals("{\"ModelName\":\"GL\",\"ModelVersion\":\"3.0-pro\",\"SceneType\":\"music\","
                + "\"VideoInfos\":[{\"VideoUrl\":\"http://videos-1250000000.cos.ap-guangzhou.myqcloud.com/incomi"
                        + "ng/a.mp4\"}],"
                + "\"OutputAudioFormat\":\"wav\",\"StoreCosParam\":{\"CosBucketName\":\"videos-1250000000\","
                + "\"CosBucketRegion\":\"ap-guangzhou\",\"CosBucketPath\":\"aigc-output/\"},"
                + "\"ExtraParameters\":{\"ResourceId\":\"438910555_1\"},\"Operator\":\"scf\"}",
                bodies.get(0));
        assertTrue(bodies.get(1).contains(
                "\"AudioInfos\":[{\"AudioUrl\":\"http://videos-1250000000.cos.ap-guangzhou.myqcloud.com/incoming"
                        + "/voice.wav\"}]"));
        assertEquals("2019-06-12", mps.requests().get(0).getHeader("X-TC-Version"));
    }

    @Test
    void cos_resultWrittenToOutputPath_isSkippedByRecursionGuard() {
        FunctionHarness.Outcome outcome = new FunctionHarness(env())
                .invoke(FunctionHarness.load(Path.of("events/cos-output-prefix.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> result = ((List<Map<String, Object>>) outcome.result.get("results")).get(0);
        assertEquals("skipped", result.get("status"));
        assertTrue(((String) result.get("reason")).contains("recursion guard"), Json.toString(result));
        assertEquals(0, mps.requests().size());
    }

    @Test
    void config_outputInsideInputFilters_isRejectedAtStart() {
        Map<String, String> env = env();
        env.put("AIGC_COS_PREFIXES", "");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new FunctionHarness(env));
        assertEquals("AIGC_MPS_OUTPUT", e.variable());

        env.put("AIGC_COS_PREFIXES", "aigc-output/");
        assertThrows(ConfigurationException.class, () -> new FunctionHarness(env));

        env.put("AIGC_COS_PREFIXES", "");
        env.put("AIGC_COS_SUFFIXES", ".mp4,.mov");
        new FunctionHarness(env);

        env.put("AIGC_COS_SUFFIXES", "");
        env.put("AIGC_COS_BUCKETS", "uploads-1250000000");
        new FunctionHarness(env);
    }
}
