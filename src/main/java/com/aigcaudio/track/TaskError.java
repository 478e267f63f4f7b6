package com.aigcaudio.track;

import com.aigcaudio.core.JsonWritable;

import java.util.LinkedHashMap;
import java.util.Map;

/** Why a tracked task delivered nothing: the service's error codes, or ours (QueryWindowPassed, a failed delivery). */
public final class TaskError implements JsonWritable {
    private final String code;
    private final String codeExt;
    private final String message;
    private final boolean review;

    private TaskError(String code, String codeExt, String message, boolean review) {
        this.code = code;
        this.codeExt = codeExt;
        this.message = message;
        this.review = review;
    }

    /** @param review whether content review refused the prompt or media: the message says so */
    static TaskError of(String code, String codeExt, String message, boolean review) {
        return new TaskError(code, codeExt, review ? "content review refused the prompt or media"
                + (message == null ? "" : ": " + message) : message, review);
    }

    /** The error as a record stores it, or null. */
    static TaskError fromJson(Map<String, Object> json) {
        return json == null ? null : new TaskError((String) json.get("code"), (String) json.get("codeExt"),
                (String) json.get("message"), Boolean.TRUE.equals(json.get("review")));
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    @Override
    public Map<String, Object> toJsonValue() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", code);
        json.put("codeExt", codeExt);
        json.put("message", message);
        json.put("review", review);
        return json;
    }
}
