package com.aigcaudio.plan;

import com.aigcaudio.core.ConfigurationException;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configured prompt with {placeholders}: {key}, {bucket}, {filename}, {region} for COS objects and {trigger},
 * {time} for timers. A template whose placeholders cannot all be filled in the current context does not apply there.
 */
public final class PromptTemplate {
    static final Set<String> PLACEHOLDERS = Set.of("key", "bucket", "filename", "region", "trigger", "time");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    private final String template;

    private PromptTemplate(String template) {
        this.template = template;
    }

    /** Parses the template, rejecting unknown placeholders; null when the variable is unset. */
    public static PromptTemplate parse(String variable, String template) {
        if (template == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new ConfigurationException(variable, "unknown placeholder {" + m.group(1) + "}; known: "
                        + String.join(", ", new TreeSet<>(PLACEHOLDERS)));
            }
        }
        return new PromptTemplate(template);
    }

    /** The rendered prompt, or null when a placeholder has no value here (e.g. {filename} for a timer). */
    public String render(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return template;
    }
}
