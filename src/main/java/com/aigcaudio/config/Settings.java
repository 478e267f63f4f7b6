package com.aigcaudio.config;

import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.log.Logger;
import com.aigcaudio.log.Redaction;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Typed reads of configuration variables; every failure names the variable. */
public final class Settings {
    private static final Logger LOG = Logger.get(Settings.class);
    private final UnaryOperator<String> lookup;
    private final Supplier<Set<String>> names;
    /** The variables whose plain-HTTP loopback endpoint was already told: one warning line each. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public Settings(UnaryOperator<String> lookup) {
        this(lookup, null);
    }

    /** @param names every name that is set, or null when the lookup cannot list them */
    Settings(UnaryOperator<String> lookup, Supplier<Set<String>> names) {
        this.lookup = lookup;
        this.names = names;
    }

    /**
     * Environment variables, with non-empty system properties of the same name taking precedence: the SCF Java
     * runtime documents its role credentials as system properties.
     */
    public static Settings system() {
        return new Settings(name -> {
            String value = System.getProperty(name);
            return value != null && !value.isEmpty() ? value : System.getenv(name);
        }, () -> {
            Set<String> set = new HashSet<>(System.getenv().keySet());
            set.addAll(System.getProperties().stringPropertyNames());
            return set;
        });
    }

    /** Exactly these values, every one of their names listed (so unregistered names are refused as at start). */
    public static Settings of(Map<String, String> values) {
        return new Settings(values::get, values::keySet);
    }

    /** These settings with {@code values} taking precedence; every name that is set stays listed. */
    public Settings withValues(Map<String, String> values) {
        return layered(values, true);
    }

    /** These settings with {@code values} used where nothing is set; every name that is set stays listed. */
    public Settings withDefaults(Map<String, String> values) {
        return layered(values, false);
    }

    private Settings layered(Map<String, String> values, boolean winning) {
        UnaryOperator<String> under = lookup;
        Supplier<Set<String>> listed = names;
        return new Settings(name -> {
            String value = under.apply(name);
            return values.containsKey(name) && (winning || value == null) ? values.get(name) : value;
        }, listed == null ? null : () -> {
            Set<String> set = new HashSet<>(listed.get());
            set.addAll(values.keySet());
            return set;
        });
    }

    /** Every name that is set, or null when this lookup cannot list them (a map's get, in tests). */
    Set<String> names() {
        return names == null ? null : names.get();
    }

    public UnaryOperator<String> lookup() {
        return lookup;
    }

    /** The trimmed value, or null when unset or blank. Our own names must be registered in {@link Variables}. */
    public String string(String name) {
        if (name.startsWith("AIGC_") && !Variables.registered(name)) {
            throw new IllegalArgumentException(name + " is not in the variable registry (config.Variables)");
        }
        String value = lookup.apply(name);
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    public String string(String name, String fallback) {
        String value = string(name);
        return value == null ? fallback : value;
    }

    public long longValue(String name, long fallback, long min, long max) {
        String value = string(name);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name, "expected a whole number, got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new ConfigurationException(name, "must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    public Long optionalLong(String name, long min, long max) {
        return string(name) == null ? null : longValue(name, 0, min, max);
    }

    public Duration millis(String name, Duration fallback, long minMs, long maxMs) {
        return Duration.ofMillis(longValue(name, fallback.toMillis(), minMs, maxMs));
    }

    public boolean bool(String name, boolean fallback) {
        String value = string(name);
        if (value == null) {
            return fallback;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": return true;
            case "false": case "0": case "no": return false;
            default: throw new ConfigurationException(name, "expected true or false, got '" + value + "'");
        }
    }

    /** One of the allowed values, compared case-insensitively and returned as listed. */
    public String oneOf(String name, String fallback, String... allowed) {
        String value = string(name);
        if (value == null) {
            return fallback;
        }
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        throw new ConfigurationException(name, "expected one of " + String.join(", ", allowed) + ", got '" + value
                + "'");
    }

    /** A comma-separated list with blanks dropped; empty when unset. */
    public List<String> list(String name) {
        String value = string(name);
        if (value == null) {
            return Collections.emptyList();
        }
        List<String> items = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.trim().isEmpty()) {
                items.add(part.trim());
            }
        }
        return Collections.unmodifiableList(items);
    }

    /**
     * An absolute https URL we send requests to, or null when unset. Plain http is refused, since the role's
     * session token and a signed request (replayable for minutes) would cross in clear, except to a loopback
     * address (a local test server), which is allowed with one warning line. A user name or password in the URL is
     * refused and never shown.
     */
    public URI httpUrl(String name) {
        return httpUrl(name, string(name));
    }

    private URI httpUrl(String name, String value) {
        if (value == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(name, "not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String shown = Redaction.userInfo(value);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ConfigurationException(name, "expected an https:// URL, got '" + shown + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConfigurationException(name, "must not carry a user name or password (credentials come from the "
                    + "role or the secret), got '" + shown + "'");
        }
        if (scheme.equals("http")) {
            if (!isLoopback(uri.getHost())) {
                throw new ConfigurationException(name, "must be https://, got '" + shown + "': over http:// the "
                        + "session token and the signed request cross in clear, and a captured request can be "
                        + "replayed (http:// is accepted only for a loopback test server, e.g. "
                        + "http://127.0.0.1:8080/)");
            }
            // Once per variable, however often a start reads it (the warm-up, the configuration, each bucket).
            if (warned.add(name)) {
                LOG.warn("plain-HTTP endpoint accepted: it is a loopback address (a local test server)", "variable",
                        name, "url", shown);
            }
        }
        return uri;
    }

    /**
     * An https URL of a service's endpoint: scheme, host and port only. A path or query there means nothing to the
     * service, and every request would be signed for the wrong path (COS answers 403 SignatureDoesNotMatch).
     */
    public URI endpointUrl(String name, String example) {
        return endpointUrl(name, string(name), example);
    }

    /** {@link #endpointUrl(String, String)} of a value derived from the variable (a template filled in). */
    public URI endpointUrl(String name, String value, String example) {
        URI uri = httpUrl(name, value);
        if (uri == null) {
            return null;
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new ConfigurationException(name, "must be the endpoint alone (scheme, host, port), without a path "
                    + "or query, e.g. " + example + "; got '" + Redaction.userInfo(value) + "'");
        }
        return uri.resolve("/");
    }

    /** 127.0.0.0/8, ::1 or localhost, read from the literal: no name lookup at start. */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.equalsIgnoreCase("localhost") || bare.equals("::1") || bare.equals("0:0:0:0:0:0:0:1")
                || bare.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
