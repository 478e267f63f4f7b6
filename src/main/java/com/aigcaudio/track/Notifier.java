package com.aigcaudio.track;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.Hashing;
import com.aigcaudio.json.Json;
import com.aigcaudio.transport.Call;
import com.aigcaudio.transport.Transport;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * POSTs a terminal state to AIGC_NOTIFY_URL as JSON, signed: {@code X-Aigc-Timestamp} (epoch seconds) and
 * {@code X-Aigc-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed by AIGC_NOTIFY_SECRET>}. A receiver
 * recomputes it, compares in constant time, and rejects timestamps more than 5 minutes old. 2xx is delivered;
 * anything else, or no answer, is tried again on a later run (at least once).
 */
final class Notifier {
    static final String TIMESTAMP = "X-Aigc-Timestamp";
    static final String SIGNATURE = "X-Aigc-Signature";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI url;
    private final byte[] secret;
    private final Transport http;
    private final Clock clock;

    Notifier(URI url, String secret, Transport http, Clock clock) {
        this.url = url;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.http = http;
        this.clock = clock;
    }

    static String signature(byte[] secret, long timestamp, byte[] body) {
        return "sha256=" + Hashing.hex(Hashing.hmac("HmacSHA256", secret,
                timestamp + "." + new String(body, StandardCharsets.UTF_8)));
    }

    /** @return whether the receiver accepted it */
    boolean send(WebhookPayload payload, Deadline deadline) {
        Duration timeout = deadline.cap(TIMEOUT);
        if (timeout.toMillis() < 100) {
            return false;
        }
        byte[] body = Json.toBytes(payload);
        long timestamp = clock.instant().getEpochSecond();
        Call request = Call.post(url, body).timeout(timeout)
                .header("Content-Type", "application/json")
                .header(TIMESTAMP, Long.toString(timestamp))
                .header(SIGNATURE, signature(secret, timestamp, body));
        try {
            int status = http.send(request).status();
            return status >= 200 && status < 300;
        } catch (IOException e) {
            return false;
        }
    }
}
