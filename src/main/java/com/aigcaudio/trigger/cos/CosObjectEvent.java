package com.aigcaudio.trigger.cos;

import java.util.Map;

/**
 * One decoded object-created notification record, from COS or S3: which object was created, and how it was
 * identified.
 */
public final class CosObjectEvent {
    /** Where the object lives: decides the media URL's signature and the idempotency key's shape. */
    public enum Storage { COS, S3 }

    private final Storage storage;
    private final String eventName;
    private final String appId;
    private final String bucketName;
    private final String region;
    private final String key;
    private final String url;
    private final long size;
    private final Map<String, String> meta;
    private final String versionId;
    private final long eventTime;
    private final String sequencer;

    CosObjectEvent(Storage storage, String eventName, String appId, String bucketName, String region, String key, String url, long size,
                   Map<String, String> meta, String versionId, long eventTime, String sequencer) {
        this.storage = storage;
        this.eventName = eventName;
        this.appId = appId;
        this.bucketName = bucketName;
        this.region = region;
        this.key = key;
        this.url = url;
        this.size = size;
        this.meta = meta;
        this.versionId = versionId;
        this.eventTime = eventTime;
        this.sequencer = sequencer;
    }

    public Storage storage() {
        return storage;
    }

    /** S3's per-key event order, which tells two uploads of one key apart; null on COS. */
    public String sequencer() {
        return sequencer;
    }

    /** The notification's time, epoch seconds, or -1. */
    public long eventTime() {
        return eventTime;
    }

    public String eventName() {
        return eventName;
    }

    public boolean isObjectCreated() {
        return eventName.startsWith(storage == Storage.S3 ? "ObjectCreated:" : "cos:ObjectCreated:");
    }

    /** The bucket's full name: on COS {@code <name>-<appid>}, as used in COS hosts and in StoreCosParam. */
    public String bucket() {
        return appId == null || appId.isEmpty() || bucketName.endsWith("-" + appId) ? bucketName : bucketName + "-" + appId;
    }

    public String region() {
        return region;
    }

    /** The object key, as stored (S3's URL-encoded keys arrive decoded here). */
    public String key() {
        return key;
    }

    /** The object's plain URL, percent-encoded. */
    public String url() {
        return url;
    }

    /** Size in bytes (can exceed 2^31), or -1 when absent. */
    public long size() {
        return size;
    }

    public String contentType() {
        return meta.get("Content-Type");
    }

    public String metadata(String name) {
        return meta.get(name);
    }

    /** The upload's identity: the version id (versioned buckets), ETag and COS request id. */
    public String versionId() {
        return versionId;
    }

    public String eTag() {
        return meta.get("ETag");
    }

    public String cosRequestId() {
        return meta.get("x-cos-request-id");
    }

    /** How results name the object. */
    public String source() {
        return (storage == Storage.S3 ? "s3://" : "cos://") + bucket() + "/" + key;
    }

    /** The key's last path segment. */
    public String filename() {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
