package com.aigcaudio.track;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.store.ObjectStore;
import com.aigcaudio.store.StoreUnavailableException;
import com.aigcaudio.tencent.aigc.AudioTaskStatus;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
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

    /** The result to record: {bucket, key, url, fileId, duration}, whichever apply. */
    Map<String, Object> deliver(TrackingRecord record, AudioTaskStatus status, Deadline deadline)
            throws DeliveryException {
        AudioTaskStatus.AudioOutput output = status.outputs().get(0);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("duration", output.duration());
        if ("Permanent".equals(output.storageMode()) || output.url() == null) {
            result.put("fileId", output.fileId());
            result.put("url", output.url());
            return result;
        }
        if (mpsOutputBucket != null) {
            result.put("bucket", mpsOutputBucket);
            result.put("key", URI.create(output.url()).getPath().substring(1));
            result.put("url", output.url());
            return result;
        }
        if (results == null) {
            result.put("url", output.url());
            return result;
        }
        ResultDownload.Downloaded file = download.fetch(output.url(), deadline);
        try {
            String key = prefix + record.resultName + "." + extension(file.contentType);
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("aigc-task-id", record.taskId);
            metadata.put("aigc-source", record.source);
            results.put(key, ObjectStore.Body.of(file.file), file.contentType, metadata, false, deadline);
            result.put("bucket", resultBucket);
            result.put("key", key);
            result.put("bytes", file.bytes);
            return result;
        } catch (StoreUnavailableException e) {
            throw DeliveryException.retryable("ResultStoreUnavailable", "could not write the soundtrack: " + e.getMessage());
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
    private String storedKey(Map<String, Object> result) {
        return results != null && resultBucket != null && resultBucket.equals(result.get("bucket"))
                ? (String) result.get("key") : null;
    }

    /**
     * The delivered soundtrack's bytes, read with the function's own credentials, or null when it was not copied
     * into the result store (a service URL, a VOD FileId).
     */
    byte[] read(Map<String, Object> result, Deadline deadline) {
        String key = storedKey(result);
        return key == null ? null : results.get(key, deadline);
    }

    /** Where a recorded result can be fetched for an hour: presigned on COS. */
    URI url(Map<String, Object> result) {
        String key = storedKey(result);
        if (key != null) {
            return results.url(key, java.time.Duration.ofHours(1));
        }
        Object url = result.get("url");
        return url == null ? null : URI.create((String) url);
    }
}
