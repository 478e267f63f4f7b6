package com.aigcaudio.tencent.client;

import com.aigcaudio.core.ErrorClass;
import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;

import java.util.Map;

/** Turns an HTTP answer into the {@code Response} fields or a classified {@link ApiException}. */
final class ResponseReader {
    private ResponseReader() {
    }

    static Map<String, Object> read(int status, byte[] body) {
        Map<String, Object> response = envelope(body);
        if (response == null) {
            throw unreadable(status, body.length == 0 ? "empty body" : "body is not a Tencent Cloud JSON response");
        }
        String requestId = response.get("RequestId") instanceof String ? (String) response.get("RequestId") : null;
        Object error = response.get("Error");
        if (error instanceof Map) {
            Map<?, ?> fields = (Map<?, ?>) error;
            String code = fields.get("Code") instanceof String ? (String) fields.get("Code") : "UnknownError";
            String message = fields.get("Message") instanceof String ? (String) fields.get("Message") : "";
            return fail(ErrorClass.ofCode(code), code, message, requestId, status);
        }
        if (status != 200) {
            throw unreadable(status, "HTTP " + status + " without an error code");
        }
        return response;
    }

    private static Map<String, Object> fail(ErrorClass errorClass, String code, String message, String requestId,
                                            int status) {
        throw new ApiException(errorClass, code, message, requestId, status);
    }

    private static Map<String, Object> envelope(byte[] body) {
        try {
            Object root = Json.parse(body);
            if (root instanceof Map && ((Map<?, ?>) root).get("Response") instanceof Map) {
                return Json.object(((Map<?, ?>) root).get("Response"));
            }
            return null;
        } catch (JsonSyntaxException e) {
            return null;
        }
    }

    /**
     * An answer without the service's envelope. Tencent Cloud answers its own errors as HTTP 200 with an Error
     * object, so this answer came from something in between (a gateway, a proxy, a load balancer) or was cut short;
     * either may follow a request that reached the service, so what it did is unknown, whatever the status.
     */
    private static ApiException unreadable(int status, String why) {
        return new ApiException(ErrorClass.UNKNOWN_OUTCOME, "HttpStatus" + status, why
                + " (not an answer of the service's own; the request may have reached it)", null, status);
    }
}
