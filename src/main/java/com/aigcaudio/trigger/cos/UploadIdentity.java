package com.aigcaudio.trigger.cos;

import com.aigcaudio.core.UploadedObject;

import java.util.Map;
import java.util.TreeMap;

/** What identifies an upload for its idempotency key: bucket + key + what tells this upload of it apart. */
final class UploadIdentity {
    private UploadIdentity() {
    }

    /** Version id, ETag, COS request id or S3 sequencer tell two uploads of one key apart; else the event time. */
    static Map<String, Object> of(UploadedObject object) {
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("trigger", "cos");
        canonical.put("bucket", object.bucket());
        canonical.put("key", object.key());
        canonical.put("versionId", blankToNull(object.versionId()));
        canonical.put("eTag", blankToNull(object.eTag()));
        canonical.put("cosRequestId", blankToNull(object.cosRequestId()));
        if (object.storage() == UploadedObject.Storage.S3) {
            // Added only for S3, so that COS keys stay what they were.
            canonical.put("storage", "s3");
            canonical.put("sequencer", blankToNull(object.sequencer()));
        }
        if (canonical.get("eTag") == null && canonical.get("cosRequestId") == null && canonical.get("versionId") == null
                && canonical.get("sequencer") == null) {
            canonical.put("eventTime", object.eventTime());
        }
        return canonical;
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
