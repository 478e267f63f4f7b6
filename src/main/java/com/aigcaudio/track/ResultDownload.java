package com.aigcaudio.track;

import com.aigcaudio.core.Deadline;

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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Fetches a generated file into a temporary file, streamed, refusing anything over the size cap or not audio
 * (or video) by its Content-Type, and never past the deadline: headers and body alike, with a second kept back so a
 * failed download still leaves time to release its delivery claim.
 */
final class ResultDownload {
    static final Duration KEPT_BACK = Duration.ofSeconds(1);
    private static ScheduledExecutorService watchdogs;
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
        // Time is kept back for what follows a failed download (releasing the delivery claim, saving the record).
        Duration timeout = deadline.remaining().minus(KEPT_BACK);
        if (timeout.toMillis() < 100) {
            throw DeliveryException.retryable("NoTimeLeft", "no time left to download the result");
        }
        long started = System.nanoTime();
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
            // HttpRequest.timeout covers only the headers: the body gets the same end, enforced by closing it.
            AtomicBoolean cut = new AtomicBoolean();
            ScheduledFuture<?> watchdog = watchdogs().schedule(() -> {
                cut.set(true);
                closeQuietly(body);
            }, Math.max(1, timeout.toMillis() - elapsedMillis(started)), TimeUnit.MILLISECONDS);
            try {
                long copied = copyCapped(body, file);
                if (cut.get()) {
                    throw timedOut(timeout);
                }
                if (declared >= 0 && copied != declared) {
                    throw DeliveryException.retryable("ResultDownloadFailed", "the download broke off after " + copied
                            + " of " + declared + " bytes");
                }
                return new Downloaded(file, bare, copied);
            } catch (DeliveryException | IOException e) {
                Files.deleteIfExists(file);
                if (cut.get() && e instanceof IOException) {
                    throw timedOut(timeout);
                }
                throw e;
            } finally {
                watchdog.cancel(false);
            }
        } catch (IOException e) {
            throw DeliveryException.retryable("ResultDownloadFailed", "the download broke off ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static DeliveryException timedOut(Duration timeout) {
        return DeliveryException.retryable("ResultDownloadTimedOut", "the result's body did not arrive within the "
                + timeout.toMillis() + " ms left to the invocation");
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** One daemon thread for every download's deadline, made at the first download (never on an upload's path). */
    private static synchronized ScheduledExecutorService watchdogs() {
        if (watchdogs == null) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "aigc-download-deadline");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            watchdogs = executor;
        }
        return watchdogs;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Closing is how the deadline stops the read; nothing else to do.
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
