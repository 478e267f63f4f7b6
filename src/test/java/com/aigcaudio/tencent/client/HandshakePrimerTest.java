package com.aigcaudio.tencent.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class HandshakePrimerTest {
    /** Fails when a JDK change makes a priming step a no-op (the class renamed, an algorithm gone). */
    @Test
    void run_onTheBuildJdk_runsEveryStep() {
        assertTrue(HandshakePrimer.run(), "a priming step found nothing to prime on this JDK");
    }
}
