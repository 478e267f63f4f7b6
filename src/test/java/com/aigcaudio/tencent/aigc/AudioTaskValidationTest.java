package com.aigcaudio.tencent.aigc;

import com.aigcaudio.core.InvalidRequestException;
import com.aigcaudio.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioTaskValidationTest {

    private static String rejectedField(Supplier<CreateAigcAudioTask> task) {
        return assertThrows(InvalidRequestException.class, () -> task.get().validate()).field();
    }

    private static VodAudioTask.Builder vod() {
        return VodAudioTask.builder().prompt("waves");
    }

    private static MpsAudioTask.Builder mps() {
        return MpsAudioTask.builder().prompt("waves");
    }

    @Test
    void validate_promptOf2000Characters_isAccepted_2001IsRejected() {
        String max = "好".repeat(2000);
        assertDoesNotThrow(() -> vod().prompt(max).build().validate());
        assertEquals("Prompt", rejectedField(() -> vod().prompt(max + "x").build()));
        assertEquals("Prompt", rejectedField(() -> mps().prompt(max + "x").build()));
    }

    @Test
    void validate_promptWithControlCharacter_isRejected_newlinesAreFine() {
        assertEquals("Prompt", rejectedField(() -> vod().prompt("bad\u0007bell").build()));
        assertDoesNotThrow(() -> vod().prompt("line one\nline two\ttab").build().validate());
    }

    @Test
    void validate_nothingToGenerateFrom_namesPrompt() {
        assertEquals("Prompt", rejectedField(() -> VodAudioTask.builder().build()));
        assertEquals("Prompt", rejectedField(() -> MpsAudioTask.builder().sceneType("music").build()));
        assertDoesNotThrow(() -> MpsAudioTask.builder().addAudioUrl("https://e.com/a.wav").build().validate());
    }

    @Test
    void validate_blankPrompt_isRejected() {
        assertEquals("Prompt", rejectedField(() -> vod().prompt("   ").build()));
    }

    @Test
    void validate_durationOutside0To60_isRejected() {
        assertEquals("OutputConfig.Duration", rejectedField(() ->
                vod().outputConfig(VodOutputConfig.builder().duration(61L).build()).build()));
        assertEquals("OutputConfig.Duration", rejectedField(() ->
                vod().outputConfig(VodOutputConfig.builder().duration(-1L).build()).build()));
        assertDoesNotThrow(() -> vod().outputConfig(VodOutputConfig.builder().duration(0L).build()).build().validate());
        assertDoesNotThrow(() -> vod().outputConfig(VodOutputConfig.builder().duration(60L).build()).build()
                .validate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"text\"", "{not json", "42", "{\"a\":1} trailing"})
    void validate_additionalParametersNotAJsonObject_isRejected(String value) {
        assertEquals("AdditionalParameters", rejectedField(() -> vod().additionalParameters(value).build()));
        assertEquals("AdditionalParameters", rejectedField(() -> mps().additionalParameters(value).build()));
    }

    @Test
    void validate_audioFormatOtherThanMp3OrWav_isRejected() {
        assertEquals("OutputAudioFormat", rejectedField(() -> mps().outputAudioFormat("flac").build()));
        assertEquals("OutputConfig.OutputAudioFormat", rejectedField(() ->
                vod().outputConfig(VodOutputConfig.builder().outputAudioFormat("ogg").build()).build()));
        assertDoesNotThrow(() -> mps().outputAudioFormat("wav").build().validate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://e.com/v.mp4", "file:///etc/passwd", "javascript:alert(1)", "not a url",
            "/relative.mp4"})
    void validate_nonHttpMediaUrl_isRejectedNamingTheElement(String url) {
        assertEquals("VideoInfos[0].Url", rejectedField(() -> vod().addVideo(VodMediaReference.url(url)).build()));
        assertEquals("AudioInfos[1].AudioUrl", rejectedField(() ->
                mps().addAudioUrl("https://ok.example/a.wav").addAudioUrl(url).build()));
    }

    @Test
    void validate_vodReferenceTypeRules_areEnforced() {
        assertEquals("VideoInfos[0].Type", rejectedField(() -> vod().addVideo(new VodMediaReference("Blob", null,
                null)).build()));
        assertEquals("AudioInfos[0].FileId", rejectedField(() -> vod().addAudio(new VodMediaReference("File", null,
                null)).build()));
        assertEquals("VideoInfos[0].Url", rejectedField(() -> vod().addVideo(new VodMediaReference("Url", "f", null))
                .build()));
    }

    @Test
    void validate_mediaNameOver64Characters_isRejected() {
        assertEquals("OutputConfig.MediaName", rejectedField(() ->
                vod().outputConfig(VodOutputConfig.builder().mediaName("n".repeat(65)).build()).build()));
        assertDoesNotThrow(() -> vod().outputConfig(VodOutputConfig.builder().mediaName("n".repeat(64)).build())
                .build().validate());
    }

    @Test
    void validate_otherVodOutputFields_areChecked() {
        assertEquals("OutputConfig.StorageMode", rejectedField(() ->
                vod().outputConfig(VodOutputConfig.builder().storageMode("Forever").build()).build()));
        assertEquals("OutputConfig.ExpireTime", rejectedField(() ->
                vod().outputConfig(VodOutputConfig.builder().expireTime("tomorrow").build()).build()));
        assertEquals("OutputConfig.ClassId", rejectedField(() ->
                vod().outputConfig(VodOutputConfig.builder().classId(-5L).build()).build()));
        assertEquals("SubAppId", rejectedField(() -> vod().subAppId(0L).build()));
    }

    @Test
    void validate_storeCosParamWithoutBucketOrRegion_isRejected() {
        assertEquals("StoreCosParam.CosBucketName", rejectedField(() ->
                mps().storeCosParam(new MpsStoreCosParam(null, "ap-guangzhou", null)).build()));
        assertEquals("StoreCosParam.CosBucketRegion", rejectedField(() ->
                mps().storeCosParam(new MpsStoreCosParam("b-125", " ", null)).build()));
    }

    @Test
    void toJson_absentFields_areLeftOut() {
        assertEquals("{\"Prompt\":\"waves\"}", Json.toString(vod().build().toJsonValue()));
        assertEquals("{\"Prompt\":\"waves\"}", Json.toString(mps().build().toJsonValue()));
        String emptyOutput = Json.toString(vod().outputConfig(VodOutputConfig.builder().build()).build().toJsonValue());
        assertTrue(!emptyOutput.contains("OutputConfig"), emptyOutput);
    }
}
