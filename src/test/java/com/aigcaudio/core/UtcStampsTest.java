package com.aigcaudio.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UtcStampsTest {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void stamps_areWhatTheJdkFormatterWrites_acrossBoundaries() {
        for (String text : new String[]{"2026-12-03T07:08:09.999Z", "2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z",
                "2028-02-29T12:00:00Z", "1970-01-01T00:00:00Z", "2015-08-30T12:36:00Z", "0999-05-06T01:02:03Z"}) {
            Instant instant = Instant.parse(text);
            assertEquals(DAY.format(instant), UtcStamps.day(instant), text);
            assertEquals(HOUR.format(instant), UtcStamps.hour(instant), text);
            assertEquals(BASIC.format(instant), UtcStamps.basic(instant), text);
        }
    }

    @Test
    void iso_isWhatInstantToStringWrites() {
        for (String text : new String[]{"2026-12-03T07:08:09Z", "2026-12-03T07:08:09.100Z",
                "2026-12-03T07:08:09.000100Z",
                "2026-12-03T07:08:09.000000001Z", "2026-12-03T07:08:09.123456789Z", "1970-01-01T00:00:00Z",
                "0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z"}) {
            Instant instant = Instant.parse(text);
            assertEquals(instant.toString(), UtcStamps.iso(instant), text);
        }
    }

    @Test
    void epochSecond_readsWhatInstantParseReads_andRefusesWhatItRefuses() {
        for (String text : new String[]{"2026-12-03T07:08:09Z", "2026-12-03T07:08:09.5Z",
                "2026-12-03T07:08:09.123456789Z",
                "2028-02-29T23:59:59.000Z", "1970-01-01T00:00:00Z", "2026-12-03T07:08:09+01:00"}) {
            assertEquals(Instant.parse(text).getEpochSecond(), UtcStamps.epochSecond(text), text);
        }
        for (String text : new String[]{"2026-13-03T07:08:09Z", "2027-02-29T00:00:00Z",
                "2026-12-03 07:08:09Z", "2026-12-03T07:08:09.1234567890Z", "yesterday", "2026-12-03T0x:08:09Z"}) {
            assertThrows(DateTimeParseException.class, () -> UtcStamps.epochSecond(text), text);
        }
    }

    @Test
    void basic_isSigV4sExampleDate() {
        assertEquals("20150830T123600Z", UtcStamps.basic(Instant.parse("2015-08-30T12:36:00Z")));
    }
}
