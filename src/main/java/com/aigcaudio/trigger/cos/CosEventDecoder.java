package com.aigcaudio.trigger.cos;

import com.aigcaudio.core.UploadedObject;
import com.aigcaudio.trigger.InvalidEventException;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.aigcaudio.trigger.EventFields.object;
import static com.aigcaudio.trigger.EventFields.optionalLong;
import static com.aigcaudio.trigger.EventFields.optionalObject;
import static com.aigcaudio.trigger.EventFields.optionalText;
import static com.aigcaudio.trigger.EventFields.string;

/** Decodes one SCF COS notification record (reference: Records[].cos / Records[].event). */
public final class CosEventDecoder {
    private CosEventDecoder() {
    }

    /** @param path the record's name in messages, e.g. {@code Records[2]} */
    public static UploadedObject decode(Object record, String path) {
        Map<?, ?> cos = object(record, "cos", path + ".cos");
        Map<?, ?> event = object(record, "event", path + ".event");
        Map<?, ?> bucket = object(cos, "cosBucket", path + ".cos.cosBucket");
        Map<?, ?> object = object(cos, "cosObject", path + ".cos.cosObject");
        String appId = optionalText(bucket, "appid", path + ".cos.cosBucket.appid");
        String name = string(bucket, "name", path + ".cos.cosBucket.name");
        String rawKey = string(object, "key", path + ".cos.cosObject.key");
        String region = optionalText(bucket, "cosRegion", path + ".cos.cosBucket.cosRegion");
        if (region == null) {
            region = optionalText(bucket, "region", path + ".cos.cosBucket.region");
        }
        String key = stripBucketPrefix(rawKey, appId, name);
        if (key.isEmpty()) {
            throw new InvalidEventException(path + ".cos.cosObject.key names no object: '" + rawKey + "'");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : optionalObject(object, "meta", path + ".cos.cosObject.meta").entrySet()) {
            if (e.getValue() != null) {
                meta.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
            }
        }
        return UploadedObject.builder(UploadedObject.Storage.COS, name, key).appId(appId).region(region)
                .eventName(string(event, "eventName", path + ".event.eventName"))
                .url(string(object, "url", path + ".cos.cosObject.url"))
                .size(optionalLong(object, "size", path + ".cos.cosObject.size")).meta(meta)
                .versionId(optionalText(object, "vid", path + ".cos.cosObject.vid"))
                .eventTime(optionalLong(event, "eventTime", path + ".event.eventTime")).build();
    }

    /** Keys arrive as {@code /<appid>/<bucket>/<key>}, not URL-encoded: strip the prefix and nothing else. */
    static String stripBucketPrefix(String rawKey, String appId, String bucketName) {
        String prefix = "/" + appId + "/" + bucketName + "/";
        if (appId != null && rawKey.startsWith(prefix)) {
            return rawKey.substring(prefix.length());
        }
        return rawKey.startsWith("/") ? rawKey.substring(1) : rawKey;
    }
}
