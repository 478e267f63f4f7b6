package com.aigcaudio.trigger.cos;

import com.aigcaudio.trigger.InvalidEventException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3 sends keys form-encoded; they are decoded exactly, and anything malformed is refused, not guessed. */
class S3EventDecoderTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "incoming/my+clip.mp4|incoming/my clip.mp4",
        "incoming/a%2Bb.mp4|incoming/a+b.mp4",
        "%E5%81%87%E6%97%A5.mp4|假日.mp4",
        "100%25.mp4|100%.mp4",
        "already/假日.mp4|already/假日.mp4",
        "emoji%F0%9F%8E%B5.mp4|emoji🎵.mp4",
        "a%2Fb/c.mp4|a/b/c.mp4",
        "%7e~tilde.mp4|~~tilde.mp4"})
    void decodeKey_formEncoded_decodesExactly(String encoded, String key) {
        assertEquals(key, S3EventDecoder.decodeKey(encoded, "Records[0].s3.object.key"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "clip%2|malformed %-escape at position 4",
        "clip%zz.mp4|malformed %-escape at position 4",
        "%E5%81.mp4|does not decode to UTF-8",
        "%C0%AF|does not decode to UTF-8"})
    void decodeKey_malformed_isRefusedNamingTheField(String encoded, String problem) {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> S3EventDecoder.decodeKey(encoded, "Records[0].s3.object.key"));
        assertTrue(e.getMessage().startsWith("Records[0].s3.object.key ") && e.getMessage().contains(problem),
                e.getMessage());
    }
}
