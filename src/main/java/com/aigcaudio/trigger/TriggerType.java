package com.aigcaudio.trigger;

import java.util.List;
import java.util.Map;

/** Which trigger sent an event, told from the event's shape (the SCF runtime passes no trigger type). */
public enum TriggerType {
    COS("cos"), API_GATEWAY("apigw"), FUNCTION_URL("function_url"), TIMER("timer");

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
            throw new InvalidEventException("Records[0] has no cos object: only COS notification records are handled");
        }
        if ("Timer".equals(map.get("Type"))) {
            return TIMER;
        }
        if (map.get("httpMethod") instanceof String) {
            return map.get("requestContext") instanceof Map ? API_GATEWAY : FUNCTION_URL;
        }
        throw new InvalidEventException("unrecognised event: expected a COS notification (Records[].cos), an API "
                + "gateway or function URL request (httpMethod) or a timer (Type=Timer); got keys " + map.keySet());
    }
}
