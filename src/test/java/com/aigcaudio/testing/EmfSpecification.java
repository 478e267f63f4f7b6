package com.aigcaudio.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of the CloudWatch Embedded Metric Format specification, written from the specification (not from our
 * writer): a root {@code _aws} member with an integer {@code Timestamp} and a {@code CloudWatchMetrics} array of
 * directives; each directive a {@code Namespace} of 1 to 1024 characters, {@code Dimensions} as an array of
 * dimension sets of at most 30 names each, every name a root member whose value is a string, and {@code Metrics}
 * of at most 100 definitions, each with a {@code Name} whose root member is a number or an array of at most 100
 * numbers, a {@code Unit} from the allowed list and a {@code StorageResolution} of 1 or 60 when given.
 */
public final class EmfSpecification {
    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes",
            "Kilobytes", "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits",
            "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second",
            "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second",
            "Gigabits/Second", "Terabits/Second", "Count/Second", "None");

    private EmfSpecification() {
    }

    /** Every rule the document breaks; empty when it is valid. */
    public static List<String> violations(Map<?, ?> document) {
        List<String> problems = new ArrayList<>();
        if (!(document.get("_aws") instanceof Map)) {
            problems.add("no _aws object");
            return problems;
        }
        Map<?, ?> aws = (Map<?, ?>) document.get("_aws");
        Object timestamp = aws.get("Timestamp");
        if (!(timestamp instanceof Number) || ((Number) timestamp).doubleValue() != ((Number) timestamp).longValue()) {
            problems.add("Timestamp is not an integer: " + timestamp);
        }
        if (!(aws.get("CloudWatchMetrics") instanceof List)) {
            problems.add("CloudWatchMetrics is not an array");
            return problems;
        }
        for (Object d : (List<?>) aws.get("CloudWatchMetrics")) {
            if (!(d instanceof Map)) {
                problems.add("a directive is not an object");
                continue;
            }
            Map<?, ?> directive = (Map<?, ?>) d;
            Object namespace = directive.get("Namespace");
            if (!(namespace instanceof String) || ((String) namespace).isEmpty() || ((String) namespace)
                    .length() > 1024) {
                problems.add("Namespace must be 1 to 1024 characters: " + namespace);
            }
            dimensions(document, directive.get("Dimensions"), problems);
            metrics(document, directive.get("Metrics"), problems);
        }
        return problems;
    }

    private static void dimensions(Map<?, ?> document, Object sets, List<String> problems) {
        if (!(sets instanceof List)) {
            problems.add("Dimensions is not an array");
            return;
        }
        for (Object set : (List<?>) sets) {
            if (!(set instanceof List)) {
                problems.add("a dimension set is not an array");
                continue;
            }
            if (((List<?>) set).size() > 30) {
                problems.add("a dimension set has more than 30 dimensions");
            }
            for (Object name : (List<?>) set) {
                if (!(document.get(name) instanceof String)) {
                    problems.add("dimension " + name + " is not a root member with a string value");
                }
            }
        }
    }

    private static void metrics(Map<?, ?> document, Object definitions, List<String> problems) {
        if (!(definitions instanceof List)) {
            problems.add("Metrics is not an array");
            return;
        }
        if (((List<?>) definitions).size() > 100) {
            problems.add("more than 100 metric definitions");
        }
        Set<Object> seen = new HashSet<>();
        for (Object m : (List<?>) definitions) {
            if (!(m instanceof Map) || !(((Map<?, ?>) m).get("Name") instanceof String)) {
                problems.add("a metric definition has no Name");
                continue;
            }
            Map<?, ?> definition = (Map<?, ?>) m;
            Object name = definition.get("Name");
            if (!seen.add(name)) {
                problems.add("metric " + name + " defined twice");
            }
            Object unit = definition.get("Unit");
            if (unit != null && !UNITS.contains(unit)) {
                problems.add("metric " + name + " has a unit outside the allowed list: " + unit);
            }
            Object resolution = definition.get("StorageResolution");
            if (resolution != null && !(resolution instanceof Number
                    && (((Number) resolution).intValue() == 1 || ((Number) resolution).intValue() == 60))) {
                problems.add("metric " + name + " has a StorageResolution other than 1 or 60");
            }
            Object value = document.get(name);
            if (value instanceof List) {
                List<?> values = (List<?>) value;
                if (values.size() > 100) {
                    problems.add("metric " + name + " has " + values.size() + " values (at most 100)");
                }
                for (Object v : values) {
                    if (!(v instanceof Number)) {
                        problems.add("metric " + name + " has a value that is not a number: " + v);
                    }
                }
            } else if (!(value instanceof Number)) {
                problems.add("metric " + name + " is not a root member with a number or numbers: " + value);
            }
        }
    }
}
