package com.aigcaudio.trigger.cos;

import com.aigcaudio.core.UploadedObject;
import com.aigcaudio.testing.FunctionHarness;
import com.aigcaudio.trigger.InvalidEventException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CosEventDecoderTest {

    private static Object record(String fixture) {
        return ((List<?>) FunctionHarness.load(Path.of("events", fixture)).get("Records")).get(0);
    }

    @Test
    void decode_nonAsciiKey_keepsKeyRawAndUrlEncoded() {
        UploadedObject e = CosEventDecoder.decode(record("cos-non-ascii-key.json"), "Records[0]");
        assertEquals("incoming/春节 烟花+fireworks 100%!.mp4", e.key());
        assertTrue(e.url().endsWith("%E6%98%A5%E8%8A%82%20%E7%83%9F%E8%8A%B1%2Bfireworks%20100%25%21.mp4"));
        assertEquals("videos-1250000000", e.bucket());
        assertEquals("ap-guangzhou", e.region());
    }

    @Test
    void decode_sizeOver2GiB_isExactLong() {
        assertEquals(5_368_709_120L, CosEventDecoder.decode(record("cos-large-object.json"), "Records[0]").size());
    }

    @Test
    void decode_uploadIdentity_isAvailableForDeduplication() {
        UploadedObject e = CosEventDecoder.decode(record("cos-video-upload.json"), "Records[0]");
        assertEquals("\"0d7316832fef232e5dcdcf81f39bfdba\"", e.eTag());
        assertEquals("NjI1OTNmOWNfNGIzN2YyMDlfMmJhZjVfNDJkZTBmYQ==", e.cosRequestId());
        assertEquals("", e.versionId());
    }

    @Test
    void stripBucketPrefix_onlyStripsTheAppIdAndBucket() {
        assertEquals("a/b c+d.mp4", CosEventDecoder.stripBucketPrefix("/125/videos/a/b c+d.mp4", "125", "videos"));
        assertEquals("other/x.mp4", CosEventDecoder.stripBucketPrefix("/other/x.mp4", "125", "videos"));
    }

    @Test
    void decode_missingKey_namesThePath() {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> CosEventDecoder.decode(
                Map.of("cos", Map.of("cosBucket", Map.of("name", "b"), "cosObject", Map.of()), "event", Map.of()),
                "Records[3]"));
        assertEquals("Records[3].cos.cosObject.key is missing", e.getMessage());
    }
}
