package com.aigcaudio.function;

import com.aigcaudio.core.Tally;
import com.aigcaudio.log.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One summary line per invocation (a tracker run included), whatever the log level: on SCF a log line whose fields
 * CLS charts; on AWS the same line in CloudWatch Embedded Metric Format, so CloudWatch turns it into metrics with
 * no agent and no API call, dimensions {service, trigger} and {service} ({service} alone when the invocation failed
 * before its trigger was known); failed tasks also by failure code; delivery latencies past 100 on lines of their
 * own, since an EMF document carries at most 100 values of a metric.
 */
final class Metrics {
    private static final Logger LOG = Logger.get(Metrics.class);
    static final String SUMMARY = "invocation summary";
    /** The most values of one metric an EMF document may carry. */
    static final int MAX_VALUES = 100;

    private final String service;
    private final String namespace;
    private final Clock clock;

    /** @param namespace the CloudWatch namespace (AWS), or null: a plain summary line (SCF, command line) */
    Metrics(String service, String namespace, Clock clock) {
        this.service = service;
        this.namespace = namespace;
        this.clock = clock;
    }

    void publish(Tally tally, boolean coldStart) {
        List<Object> fields = new ArrayList<>(List.of("service", service));
        List<String> names = new ArrayList<>();
        for (Tally.Count count : Tally.Count.values()) {
            fields.add(count.metric());
            fields.add(tally.count(count));
            names.add(count.metric());
        }
        fields.add("ColdStart");
        fields.add(coldStart ? 1 : 0);
        names.add("ColdStart");
        List<Long> latencies = tally.deliveryLatenciesMs();
        List<List<Long>> batches = new ArrayList<>();
        for (int from = 0; from < latencies.size(); from += MAX_VALUES) {
            batches.add(latencies.subList(from, Math.min(latencies.size(), from + MAX_VALUES)));
        }
        if (!batches.isEmpty()) {
            fields.add("DeliveryLatency");
            fields.add(batches.get(0));
        }
        if (!tally.failuresByCode().isEmpty()) {
            fields.add("failuresByCode");
            fields.add(tally.failuresByCode());
        }
        List<List<String>> dimensions = Logger.context().get("trigger") instanceof String
                ? List.of(List.of("service", "trigger"), List.of("service")) : List.of(List.of("service"));
        if (namespace != null) {
            fields.add("_aws");
            fields.add(emf(names, !batches.isEmpty(), dimensions));
        }
        LOG.always(SUMMARY, fields.toArray());
        if (namespace == null) {
            return;
        }
        // CloudWatch takes at most 100 values of a metric in one document: the rest go on lines of their own.
        for (List<Long> batch : batches.subList(Math.min(1, batches.size()), batches.size())) {
            LOG.always("delivery latencies", "service", service, "DeliveryLatency", batch, "_aws",
                    emf(List.of(), true, dimensions));
        }
        // One line per code: a line carries one value for each dimension.
        tally.failuresByCode().forEach((code, n) -> LOG.always("failed tasks by code", "service", service,
                "failureCode", code, "TasksFailed", n, "_aws", emf(List.of("TasksFailed"), false,
                        List.of(List.of("service", "failureCode")))));
    }

    private Map<String, Object> emf(List<String> counts, boolean latency, List<List<String>> dimensions) {
        List<Object> metrics = new ArrayList<>();
        for (String name : counts) {
            metrics.add(Map.of("Name", name, "Unit", "Count"));
        }
        if (latency) {
            metrics.add(Map.of("Name", "DeliveryLatency", "Unit", "Milliseconds"));
        }
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", namespace);
        directive.put("Dimensions", dimensions);
        directive.put("Metrics", metrics);
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", clock.millis());
        aws.put("CloudWatchMetrics", List.of(directive));
        return aws;
    }
}
