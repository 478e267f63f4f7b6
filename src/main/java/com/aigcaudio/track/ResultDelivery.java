package com.aigcaudio.track;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.store.ObjectStore;
import com.aigcaudio.store.StoreUnavailableException;
import com.aigcaudio.tencent.aigc.AudioTaskStatus;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts a finished task's soundtrack where the user wants it. A VOD {@code Permanent} output is already in the
 * media library and an MPS output with StoreCosParam already in the user's bucket: their location is recorded,
 * nothing copied. Otherwise the file is downloaded and written to the result store under
 * {@code <AIGC_RESULT_PREFIX><source key>.<format>}, with user metadata naming the task and its source; with no
 * result store, the service's own (expiring) URL is recorded.
 */
final class ResultDelivery {
    private final ObjectStore results;
    private final String resultBucket;
    private final String prefix;
    private final String format;
    private final ResultDownload download;
    private final String mpsOutputBucket;

    /**
     * @param results         where soundtracks are copied, or null
     * @param resultBucket    its name in results (a COS bucket, or "local"), or null
     * @param mpsOutputBucket MPS StoreCosParam's bucket when configured, else null
     */
    ResultDelivery(ObjectStore results, String resultBucket, String prefix, String format, ResultDownload download,
                   String mpsOutputBucket) {
        this.results = results;
        this.resultBucket = resultBucket;
        this.prefix = prefix;
        this.format = format;
        this.download = download;
        this.mpsOutputBucket = mpsOutputBucket;
    }

    /** Where the soundtrack is, to record: copied into the result store unless it already has a lasting place. */
    Soundtrack deliver(TrackingRecord record, AudioTaskStatus status, Deadline deadline) throws DeliveryException {
        AudioTaskStatus.AudioOutput output = status.outputs().get(0);
        if ("Permanent".equals(output.storageMode()) || output.url() == null) {
            return Soundtrack.mediaLibrary(output.fileId(), output.url(), output.duration());
        }
        if (mpsOutputBucket != null) {
            return Soundtrack.mpsOutput(mpsOutputBucket, URI.create(output.url()).getPath().substring(1), output.url(),
                    output.duration());
        }
        if (results == null) {
            return Soundtrack.serviceUrl(output.url(), output.duration());
        }
        ResultDownload.Downloaded file = download.fetch(output.url(), deadline);
        try {
            String key = prefix + record.resultName + "." + extension(file.contentType);
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("aigc-task-id", record.taskId);
            metadata.put("aigc-source", record.source);
            results.put(key, ObjectStore.Body.of(file.file), file.contentType, metadata, false, deadline);
            return Soundtrack.copied(resultBucket, key, file.bytes, output.duration());
        } catch (StoreUnavailableException e) {
            throw DeliveryException.retryable("ResultStoreUnavailable", "could not write the soundtrack: "
                    + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(file.file);
            } catch (IOException e) {
                // A temporary file left behind is harmless; the OS cleans /tmp.
            }
        }
    }

    /** The file's own type decides (the emulator serves WAV); otherwise the configured format. */
    private String extension(String contentType) {
        if (contentType.equals("audio/wav") || contentType.equals("audio/x-wav") || contentType.equals("audio/wave")) {
            return "wav";
        }
        if (contentType.equals("audio/mpeg") || contentType.equals("audio/mp3")) {
            return "mp3";
        }
        return format;
    }

    /** The key of a result copied into our result store, or null when it stayed with the service. */
    private String storedKey(Soundtrack result) {
        return results != null && resultBucket != null && resultBucket.equals(result.bucket()) ? result.key() : null;
    }

    /**
     * The delivered soundtrack's bytes, read with the function's own credentials, or null when it was not copied
     * into the result store (a service URL, a VOD FileId).
     *
     * @throws com.aigcaudio.store.ObjectTooLargeException when it is over {@code maxBytes}; nothing more was read
     */
    byte[] read(Soundtrack result, long maxBytes, Deadline deadline) {
        String key = storedKey(result);
        return key == null ? null : results.getAtMost(key, maxBytes, deadline);
    }

    /** Where a recorded result can be fetched for an hour: presigned on COS. */
    URI url(Soundtrack result) {
        String key = storedKey(result);
        if (key != null) {
            return results.url(key, Duration.ofHours(1));
        }
        return result.url() == null ? null : URI.create(result.url());
    }
}
