package com.aigcaudio.core;

import com.aigcaudio.core.HttpClients;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HttpClientsTest {
    @Test
    void hostHeader_defaultPort_isTheHostAlone() {
        assertEquals("vod.tencentcloudapi.com", HttpClients.hostHeader(URI.create("https://vod.tencentcloudapi.com/")));
        assertEquals("vod.tencentcloudapi.com", HttpClients.hostHeader(URI.create("https://vod.tencentcloudapi.com:443/")));
        assertEquals("127.0.0.1:8443", HttpClients.hostHeader(URI.create("https://127.0.0.1:8443/")));
    }
}
