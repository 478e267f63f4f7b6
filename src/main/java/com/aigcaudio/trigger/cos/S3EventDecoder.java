package com.aigcaudio.trigger.cos;

import com.aigcaudio.aws.signing.S3Presigner;
import com.aigcaudio.core.UploadedObject;
import com.aigcaudio.core.UtcStamps;
import com.aigcaudio.trigger.InvalidEventException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.aigcaudio.trigger.EventFields.object;
import static com.aigcaudio.trigger.EventFields.optionalLong;
import static com.aigcaudio.trigger.EventFields.optionalText;
import static com.aigcaudio.trigger.EventFields.string;

/** Decodes one S3 event notification record (Records[].s3), as Lambda receives it. */
public final class S3EventDecoder {
    private S3EventDecoder() {
    }

    /** @param path the record's name in messages, e.g. {@code Records[2]} */
    public static UploadedObject decode(Object record, String path) {
        Map<?, ?> s3 = object(record, "s3", path + ".s3");
        Map<?, ?> bucket = object(s3, "bucket", path + ".s3.bucket");
        Map<?, ?> object = object(s3, "object", path + ".s3.object");
        String name = string(bucket, "name", path + ".s3.bucket.name");
        String region = optionalText((Map<?, ?>) record, "awsRegion", path + ".awsRegion");
        String key = decodeKey(string(object, "key", path + ".s3.object.key"), path + ".s3.object.key");
        Map<String, String> meta = new LinkedHashMap<>();
        String eTag = optionalText(object, "eTag", path + ".s3.object.eTag");
        if (eTag != null) {
            meta.put("ETag", eTag);
        }
        String url = (region == null ? "https://" + name + ".s3.amazonaws.com/" : S3Presigner.bucketUrl(name, region)
                .toString())
                + S3Presigner.encodeKey(key).substring(1);
        return UploadedObject.builder(UploadedObject.Storage.S3, name, key).region(region).url(url)
                .eventName(string((Map<?, ?>) record, "eventName", path + ".eventName"))
                .size(optionalLong(object, "size", path + ".s3.object.size")).meta(meta)
                .versionId(optionalText(object, "versionId", path + ".s3.object.versionId"))
                .eventTime(eventTime(optionalText((Map<?, ?>) record, "eventTime", path + ".eventTime"), path
                        + ".eventTime"))
                .sequencer(optionalText(object, "sequencer", path + ".s3.object.sequencer")).build();
    }

    /**
     * S3 sends keys form-encoded: {@code +} is a space and {@code %XX} a byte of the UTF-8 key. Anything else
     * malformed (a lone %, bytes that are not UTF-8) is refused, not guessed at.
     */
    static String decodeKey(String encoded, String field) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i += Character.charCount(encoded.codePointAt(i))) {
            int c = encoded.codePointAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length() || Character.digit(encoded.charAt(i + 1), 16) < 0
                        || Character.digit(encoded.charAt(i + 2), 16) < 0) {
                    throw new InvalidEventException(field + " has a malformed %-escape at position " + i);
                }
                bytes.write(Character.digit(encoded.charAt(i + 1), 16) * 16 + Character.digit(encoded.charAt(i + 2),
                        16));
                i += 2;
            } else {
                byte[] utf8 = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            String key = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                            .toString();
            if (key.isEmpty()) {
                throw new InvalidEventException(field + " names no object");
            }
            return key;
        } catch (CharacterCodingException e) {
            throw new InvalidEventException(field + " does not decode to UTF-8");
        }
    }

    private static long eventTime(String time, String field) {
        if (time == null) {
            return -1;
        }
        try {
            return UtcStamps.epochSecond(time);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(field + " is not an ISO-8601 time: " + time);
        }
    }
}
