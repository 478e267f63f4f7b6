package com.aigcaudio.track;

import com.aigcaudio.tencent.client.Deadline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Fetches a generated file into a temporary file, streamed, refusing anything over the size cap or not audio
 * (or video) by its Content-Type, and never past the deadline.
 */
final class ResultDownload {
    private final Supplier<HttpClient> http;
    private final long maxBytes;

    ResultDownload(Supplier<HttpClient> http, long maxBytes) {
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
        Duration timeout = deadline.remaining();
        if (timeout.toMillis() < 100) {
            throw DeliveryException.retryable("NoTimeLeft", "no time left to download the result");
        }
        HttpResponse<InputStream> response;
        try {
            response = http.get().send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException | IllegalArgumentException e) {
            throw DeliveryException.retryable("ResultDownloadFailed", "the result could not be downloaded ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.retryable("Interrupted", "interrupted while downloading the result");
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 404 || status == 410 || status == 403) {
                throw DeliveryException.terminal("ResultUnavailable", "the service's result URL answered HTTP " + status
                        + " (the file has expired or is gone)");
            }
            if (status != 200) {
                throw DeliveryException.retryable("ResultDownloadFailed", "the result URL answered HTTP " + status);
            }
            String type = response.headers().firstValue("Content-Type").orElse("application/octet-stream")
                    .toLowerCase(Locale.ROOT);
            String bare = type.contains(";") ? type.substring(0, type.indexOf(';')).trim() : type.trim();
            if (!(bare.startsWith("audio/") || bare.startsWith("video/") || bare.equals("application/octet-stream")
                    || bare.equals("binary/octet-stream"))) {
                throw DeliveryException.terminal("ResultNotAudio", "the result is " + bare + ", not audio");
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                throw tooLarge(declared);
            }
            Path file = Files.createTempFile("aigc-result", ".tmp");
            try {
                long copied = copyCapped(body, file);
                return new Downloaded(file, bare, copied);
            } catch (DeliveryException | IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        } catch (IOException e) {
            throw DeliveryException.retryable("ResultDownloadFailed", "the download broke off ("
                    + e.getClass().getSimpleName() + ")");
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
