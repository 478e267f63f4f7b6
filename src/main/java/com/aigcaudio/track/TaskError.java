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
        if (json == null) {
            return null;
        }
        // Records written before the primary code was chosen carry {code: ErrCode, codeExt: ErrCodeExt}.
        String primary = json.get("codeExt") != null ? (String) json.get("codeExt") : (String) json.get("code");
        String detail = json.get("codeExt") != null ? (String) json.get("code") : (String) json.get("errCode");
        return new TaskError(detail, primary, (String) json.get("message"), Boolean.TRUE.equals(json.get("review")));
    }

    /**
     * The code that says what failed: the service's ErrCodeExt when it gave one (VOD), else its code (the numeric
     * ErrCode, our MPS code, or ours, such as QueryWindowPassed). Metrics, webhooks and GET /tasks carry this one.
     */
    public String code() {
        return codeExt != null && !codeExt.isEmpty() ? codeExt : code;
    }

    public String message() {
        return message;
    }

    @Override
    public Map<String, Object> toJsonValue() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", code());
        // The numeric ErrCode, kept as detail where a code of its own came with it.
        json.put("errCode", codeExt != null && !codeExt.isEmpty() ? code : null);
        json.put("message", message);
        json.put("review", review);
        return json;
    }
}
