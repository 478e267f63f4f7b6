package com.aigcaudio.tencent.aigc;

import com.aigcaudio.core.InvalidRequestException;
import com.aigcaudio.core.JsonWritable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** VOD's AigcAudioReferenceVideoInfo / AigcAudioReferenceAudioInfo: {Type, FileId, Url}. */
public final class VodMediaReference implements JsonWritable {
    public static final String TYPE_FILE = "File";
    public static final String TYPE_URL = "Url";

    private final String type;
    private final String fileId;
    private final String url;

    public VodMediaReference(String type, String fileId, String url) {
        this.type = type;
        this.fileId = fileId;
        this.url = url;
    }

    public static VodMediaReference url(String url) {
        return new VodMediaReference(TYPE_URL, null, url);
    }

    public static VodMediaReference file(String fileId) {
        return new VodMediaReference(TYPE_FILE, fileId, null);
    }

    public String type() {
        return type;
    }

    public String fileId() {
        return fileId;
    }

    public String url() {
        return url;
    }

    void validate(String field) {
        Checks.oneOf(field + ".Type", type, List.of(TYPE_FILE, TYPE_URL));
        if (TYPE_FILE.equals(type) && (fileId == null || fileId.trim().isEmpty())) {
            throw new InvalidRequestException(field + ".FileId", "required when Type is File");
        }
        if (TYPE_URL.equals(type) && url == null) {
            throw new InvalidRequestException(field + ".Url", "required when Type is Url");
        }
        if (type == null && fileId == null && url == null) {
            throw new InvalidRequestException(field, "needs Type with a FileId or a Url");
        }
        Checks.httpUrl(field + ".Url", url);
    }

    @Override
    public Object toJsonValue() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Type", type);
        json.put("FileId", fileId);
        json.put("Url", url);
        return json;
    }
}
