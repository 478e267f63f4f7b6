package com.aigcaudio.core;

import java.util.Map;

/**
 * One decoded object-created notification record, from COS or S3: which object was created, and how it was
 * identified.
 */
public final class UploadedObject {
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

    private UploadedObject(Builder b) {
        this.storage = b.storage;
        this.eventName = b.eventName;
        this.appId = b.appId;
        this.bucketName = b.bucketName;
        this.region = b.region;
        this.key = b.key;
        this.url = b.url;
        this.size = b.size;
        this.meta = b.meta;
        this.versionId = b.versionId;
        this.eventTime = b.eventTime;
        this.sequencer = b.sequencer;
    }

    /** An object in a bucket of {@code storage}, named by bucket and key; the rest is optional. */
    public static Builder builder(Storage storage, String bucketName, String key) {
        return new Builder(storage, bucketName, key);
    }

    /** What a notification record says of the object, set by the trigger that decoded it. */
    public static final class Builder {
        private final Storage storage;
        private final String bucketName;
        private final String key;
        private String eventName = "";
        private String appId;
        private String region;
        private String url;
        private long size = -1;
        private Map<String, String> meta = Map.of();
        private String versionId;
        private long eventTime = -1;
        private String sequencer;

        private Builder(Storage storage, String bucketName, String key) {
            this.storage = storage;
            this.bucketName = bucketName;
            this.key = key;
        }

        public Builder eventName(String value) {
            eventName = value;
            return this;
        }

        /** COS's APPID, which completes a bucket's full name. */
        public Builder appId(String value) {
            appId = value;
            return this;
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        public Builder url(String value) {
            url = value;
            return this;
        }

        public Builder size(long value) {
            size = value;
            return this;
        }

        /** Headers the notification carries (Content-Type, ETag, x-cos-request-id, x-cos-meta-*). */
        public Builder meta(Map<String, String> value) {
            meta = value;
            return this;
        }

        public Builder versionId(String value) {
            versionId = value;
            return this;
        }

        public Builder eventTime(long value) {
            eventTime = value;
            return this;
        }

        public Builder sequencer(String value) {
            sequencer = value;
            return this;
        }

        public UploadedObject build() {
            return new UploadedObject(this);
        }
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
        return appId == null || appId.isEmpty() || bucketName.endsWith("-" + appId) ? bucketName : bucketName + "-"
                + appId;
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
