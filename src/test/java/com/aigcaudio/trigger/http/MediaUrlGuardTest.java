package com.aigcaudio.trigger.http;

import com.aigcaudio.core.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MediaUrlGuardTest {
    private final MediaUrlGuard open = new MediaUrlGuard(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/v.mp4", "http://cdn.example.org:8080/a/b.wav?x=1",
            "https://8.8.8.8/v.mp4", "https://[2606:4700::1111]/v.mp4", "https://cafe.bad/v.mp4",
            "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/k.mp4?q-sign-algorithm=sha1"})
    void check_publicUrl_passes(String url) {
        assertDoesNotThrow(() -> open.check("VideoInfos[0].Url", url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://127.1/", "http://2130706433/", "http://0x7f.0.0.1/",
            "http://0177.0.0.1/", "http://localhost/", "http://a.localhost/", "http://169.254.169.254/",
            "http://[::1]/", "http://[::ffff:169.254.169.254]/", "http://[64:ff9b::a00:1]/", "http://[fc00::1]/",
            "http://10.0.0.1/", "http://172.31.255.255/", "http://192.168.0.1/", "http://100.64.0.1/",
                    "http://0.0.0.0/",
            "http://224.0.0.1/", "https://user:pass@example.com/", "https://example.com@127.0.0.1/",
                    "ftp://example.com/",
            "https:///nohost", "http://256.1.1.1/", "http://1.2.3.4.5/"})
    void check_nonPublicOrUnsafeUrl_isRefusedNamingTheField(String url) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> open.check("AudioInfos[1].Url",
                url));
        assertEquals("AudioInfos[1].Url", e.field());
    }

    @Test
    void check_allowList_matchesWholeLabelsOnly() {
        MediaUrlGuard guard = new MediaUrlGuard(List.of("example.com"));
        assertDoesNotThrow(() -> guard.check("u", "https://example.com/v.mp4"));
        assertDoesNotThrow(() -> guard.check("u", "https://a.b.example.com/v.mp4"));
        assertThrows(InvalidRequestException.class, () -> guard.check("u", "https://badexample.com/v.mp4"));
        assertThrows(InvalidRequestException.class, () -> guard.check("u", "https://example.com.evil.net/v.mp4"));
    }

    @Test
    void parseIpv4_everyInetAtonSpelling_givesTheSameAddress() {
        long loopback = 0x7f000001L;
        for (String spelling : List.of("127.0.0.1", "127.1", "127.0.1", "2130706433", "0x7f000001", "0177.0.0.01")) {
            assertEquals(loopback, IpRanges.parseIpv4(spelling), spelling);
        }
        assertEquals(-1, IpRanges.parseIpv4("1.2.3.256"));
        assertEquals(-1, IpRanges.parseIpv4("08.1.1.1"));
    }
}
