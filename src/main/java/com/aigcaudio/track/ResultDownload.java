package com.aigcaudio.track;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.transport.Call;
import com.aigcaudio.transport.ExchangeLimitExceededException;
import com.aigcaudio.transport.OpenReply;
import com.aigcaudio.transport.Transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Fetches a generated file into a temporary file, streamed, refusing anything over the size cap or not audio
 * (or video) by its Content-Type, and never past the deadline: a read waits at most {@link #STALL_LIMIT} and the
 * whole exchange is limited to the time left, so even a body that trickles ends in time, with a second kept back
 * so a failed download still leaves time to release its delivery claim.
 */
final class ResultDownload {
    static final Duration KEPT_BACK = Duration.ofSeconds(1);
    /** The longest one read waits for data; a body that stops arriving for this long has failed (tried later). */
    static final Duration STALL_LIMIT = Duration.ofSeconds(1);
    private final Transport http;
    private final long maxBytes;

    ResultDownload(Transport http, long maxBytes) {
        this.http = http;
        this.maxBytes = maxBytes;
    }

    /** A downloaded file and its media type; the caller deletes the file. */
    static final class Downloaded {
        final Path file;
        final String contentType;
        final long bytes;

        Downloaded(Path file, String contentType, long bytes) {
            this.file = file;
            this.contentType = contentType;
            this.bytes = bytes;
        }
    }

    Downloaded fetch(String url, Deadline deadline) throws DeliveryException {
        // Kept back: releasing the claim and saving the record after a failed download.
        Duration timeout = deadline.remaining().minus(KEPT_BACK);
        if (timeout.toMillis() < 100) {
            throw DeliveryException.retryable("NoTimeLeft", "no time left to download the result");
        }
        OpenReply response;
        try {
            response = http.open(Call.get(URI.create(url)).timeout(timeout).stallLimit(STALL_LIMIT));
        } catch (ExchangeLimitExceededException e) {
            throw timedOut(timeout);
        } catch (IOException | IllegalArgumentException e) {
            throw DeliveryException.retryable("ResultDownloadFailed", "the result could not be downloaded ("
                    + e.getClass().getSimpleName() + ")");
        }
        try (response) {
            int status = response.status();
            if (status == 404 || status == 410 || status == 403) {
                throw DeliveryException.terminal("ResultUnavailable", "the service's result URL answered HTTP " + status
                        + " (the file has expired or is gone)");
            }
            if (status != 200) {
                throw DeliveryException.retryable("ResultDownloadFailed", "the result URL answered HTTP " + status);
            }
            String type = response.header("Content-Type").orElse("application/octet-stream")
                    .toLowerCase(Locale.ROOT);
            String bare = type.contains(";") ? type.substring(0, type.indexOf(';')).trim() : type.trim();
            if (!(bare.startsWith("audio/") || bare.startsWith("video/") || bare.equals("application/octet-stream")
                    || bare.equals("binary/octet-stream"))) {
                throw DeliveryException.terminal("ResultNotAudio", "the result is " + bare + ", not audio");
            }
            long declared = contentLength(response);
            if (declared > maxBytes) {
                throw tooLarge(declared);
            }
            Path file = Files.createTempFile("aigc-result", ".tmp");
            try {
                long copied = copyCapped(response.body(), file);
                if (declared >= 0 && copied != declared) {
                    throw DeliveryException.retryable("ResultDownloadFailed", "the download broke off after " + copied
                            + " of " + declared + " bytes");
                }
                return new Downloaded(file, bare, copied);
            } catch (DeliveryException | IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        } catch (ExchangeLimitExceededException e) {
            throw timedOut(timeout);
        } catch (SocketTimeoutException e) {
            throw DeliveryException.retryable("ResultDownloadStalled", "no data from the result URL for "
                    + STALL_LIMIT.toMillis() + " ms");
        } catch (IOException e) {
            throw DeliveryException.retryable("ResultDownloadFailed", "the download broke off ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static DeliveryException timedOut(Duration timeout) {
        return DeliveryException.retryable("ResultDownloadTimedOut", "the result's body did not arrive within the "
                + timeout.toMillis() + " ms left to the invocation");
    }

    private static long contentLength(OpenReply response) {
        try {
            return response.header("Content-Length").map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private long copyCapped(InputStream in, Path file) throws IOException, DeliveryException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(total);
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private DeliveryException tooLarge(long bytes) {
        return DeliveryException.terminal("ResultTooLarge", "the result is over " + maxBytes
                + " bytes (AIGC_RESULT_MAX_BYTES); at least " + bytes + " were offered");
    }
}
