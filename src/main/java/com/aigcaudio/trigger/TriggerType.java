package com.aigcaudio.trigger;

import java.util.List;
import java.util.Map;

/**
 * Which trigger sent an event, told from the event's shape (neither SCF nor Lambda passes a trigger type): SCF's
 * COS, function URL / API gateway and timer events, and AWS's S3, HTTP API / function URL (payload 2.0), REST API
 * (payload 1.0) and EventBridge schedule events.
 */
public enum TriggerType {
    COS("cos"), S3("s3"), API_GATEWAY("apigw"), FUNCTION_URL("function_url"), HTTP_API("http_api"), TIMER("timer"),
    SCHEDULE("schedule");

    private final String label;

    TriggerType(String label) {
        this.label = label;
    }

    /** The name used in logs and results. */
    public String label() {
        return label;
    }

    public static TriggerType detect(Object event) {
        if (!(event instanceof Map)) {
            throw new InvalidEventException("the event is not a JSON object");
        }
        Map<?, ?> map = (Map<?, ?>) event;
        if (map.containsKey("Records")) {
            Object records = map.get("Records");
            if (!(records instanceof List)) {
                throw new InvalidEventException("Records is not an array");
            }
            if (((List<?>) records).isEmpty()) {
                throw new InvalidEventException("Records is empty: a COS event needs at least one record");
            }
            Object first = ((List<?>) records).get(0);
            if (first instanceof Map && ((Map<?, ?>) first).containsKey("cos")) {
                return COS;
            }
            if (first instanceof Map && ((Map<?, ?>) first).containsKey("s3")) {
                return S3;
            }
            throw new InvalidEventException("Records[0] has no cos or s3 object: only COS and S3 notification records "
                    + "are handled");
        }
        if ("Timer".equals(map.get("Type"))) {
            return TIMER;
        }
        if ("Scheduled Event".equals(map.get("detail-type")) && "aws.events".equals(map.get("source"))) {
            return SCHEDULE;
        }
        if (map.get("requestContext") instanceof Map
                && ((Map<?, ?>) map.get("requestContext")).get("http") instanceof Map) {
            return HTTP_API;
        }
        if (map.get("httpMethod") instanceof String) {
            return map.get("requestContext") instanceof Map ? API_GATEWAY : FUNCTION_URL;
        }
        throw new InvalidEventException("unrecognised event: expected a COS notification (Records[].cos), an API "
                + "gateway or function URL request (httpMethod, or requestContext.http on AWS), a timer "
                        + "(Type=Timer) or an "
                + "EventBridge schedule (detail-type: Scheduled Event); got keys " + map.keySet());
    }
}
