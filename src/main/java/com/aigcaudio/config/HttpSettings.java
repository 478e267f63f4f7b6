package com.aigcaudio.config;

import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.core.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HTTP trigger's route, size limit, bearer token, CORS origins and what a caller may set. */
public final class HttpSettings {
    /** What a caller may set unless AIGC_HTTP_CALLER_FIELDS says otherwise: the creative choices, not billing or
     * storage. */
    static final List<String> CALLER_FIELDS_COMMON = List.of("Prompt", "ModelName", "ModelVersion", "SceneType",
            "VideoInfos", "AudioInfos", "AdditionalParameters");
    static final List<String> CALLER_FIELDS_VOD = List.of("OutputConfig.Duration", "OutputConfig.OutputAudioFormat");
    static final List<String> CALLER_FIELDS_MPS = List.of("OutputAudioFormat");
    /** Every name AIGC_HTTP_CALLER_FIELDS may list; SubAppId and StoreCosParam are configuration only. */
    static final Set<String> CALLER_FIELDS_VOD_ALL = Set.of("Prompt", "ModelName", "ModelVersion", "SceneType",
            "VideoInfos", "AudioInfos", "AdditionalParameters", "FileId", "OutputConfig.Duration",
            "OutputConfig.OutputAudioFormat", "OutputConfig.StorageMode", "OutputConfig.MediaName",
            "OutputConfig.ClassId", "OutputConfig.ExpireTime");
    static final Set<String> CALLER_FIELDS_MPS_ALL = Set.of("Prompt", "ModelName", "ModelVersion", "SceneType",
            "VideoInfos", "AudioInfos", "AdditionalParameters", "OutputAudioFormat", "ExtraParameters.ResourceId",
            "Operator");

    private final String path;
    private final int maxBodyBytes;
    private final String token;
    private final List<String> corsOrigins;
    private final Set<String> callerFields;
    private final List<String> allowedMediaHosts;

    public HttpSettings(String path, int maxBodyBytes, String token, List<String> corsOrigins, Set<String> callerFields,
                        List<String> allowedMediaHosts) {
        this.path = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.maxBodyBytes = maxBodyBytes;
        this.token = token;
        this.corsOrigins = List.copyOf(corsOrigins);
        this.callerFields = Set.copyOf(callerFields);
        this.allowedMediaHosts = List.copyOf(allowedMediaHosts);
    }

    /**
     * Reads AIGC_HTTP_PATH, AIGC_HTTP_MAX_BODY_BYTES, AIGC_HTTP_TOKEN, AIGC_HTTP_CORS_ORIGINS,
     * AIGC_HTTP_CALLER_FIELDS and AIGC_MEDIA_URL_ALLOWED_HOSTS.
     */
    public static HttpSettings from(Settings s, Service service) {
        String path = s.string("AIGC_HTTP_PATH", "/tasks");
        if (!path.startsWith("/")) {
            throw new ConfigurationException("AIGC_HTTP_PATH", "must start with /, got '" + path + "'");
        }
        String token = token(s);
        List<String> origins = corsOrigins(s);
        if (token != null && origins.contains("*")) {
            throw new ConfigurationException("AIGC_HTTP_CORS_ORIGINS", "'*' lets any web page call with the token a "
                    + "visitor typed; list the origins that may call (https://app.example.com) or drop AIGC_HTTP"
                            + "_TOKEN");
        }
        return new HttpSettings(path, (int) s.longValue("AIGC_HTTP_MAX_BODY_BYTES", 65_536, 1024, 6 * 1024 * 1024),
                token, origins, callerFields(s, service), hostSuffixes(s));
    }

    /** Set but blank is refused too: a token of spaces must not quietly leave the trigger open. */
    private static String token(Settings s) {
        String raw = s.lookup().apply("AIGC_HTTP_TOKEN");
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!raw.matches("[\\x21-\\x7e]+")) {
            throw new ConfigurationException("AIGC_HTTP_TOKEN", "use printable ASCII without spaces (a header "
                    + "carries it: Authorization: Bearer <token>), e.g. the output of openssl rand -hex 32");
        }
        if (raw.length() < 16) {
            throw new ConfigurationException("AIGC_HTTP_TOKEN", "must be at least 16 characters");
        }
        return raw;
    }

    /** Exactly as a browser sends Origin: scheme://lower-case-host, a port only when not the scheme's default. */
    private static List<String> corsOrigins(Settings s) {
        List<String> origins = s.list("AIGC_HTTP_CORS_ORIGINS");
        for (String origin : origins) {
            Matcher m = Pattern
                    .compile("(https?)://([a-z0-9-]+(?:\\.[a-z0-9-]+)*)(?::([0-9]{1,5}))?").matcher(origin);
            if (origin.equals("*")) {
                continue;
            }
            String problem = !m.matches()
                    ? "expected scheme://host[:port] with no path, such as https://app.example.com"
                    : m.group(3) != null && (m.group(1).equals("https") ? "443" : "80").equals(m.group(3))
                    ? "a browser never sends the default port; write " + m.group(1) + "://" + m.group(2) : null;
            if (problem != null && origin.matches("(?i)https?://[a-z0-9.-]+(:[0-9]{1,5})?")
                    && !origin.equals(origin.toLowerCase(Locale.ROOT))) {
                problem = "a browser sends the host in lower case; write " + origin.toLowerCase(Locale.ROOT);
            }
            if (problem != null) {
                throw new ConfigurationException("AIGC_HTTP_CORS_ORIGINS", problem + " (got '" + origin + "')");
            }
        }
        return origins;
    }

    private static Set<String> callerFields(Settings s, Service service) {
        List<String> listed = s.list("AIGC_HTTP_CALLER_FIELDS");
        if (listed.isEmpty()) {
            List<String> defaults = new ArrayList<>(CALLER_FIELDS_COMMON);
            defaults.addAll(service == Service.VOD ? CALLER_FIELDS_VOD : CALLER_FIELDS_MPS);
            return Set.copyOf(defaults);
        }
        Set<String> known = service == Service.VOD ? CALLER_FIELDS_VOD_ALL : CALLER_FIELDS_MPS_ALL;
        for (String field : listed) {
            if (!known.contains(field)) {
                throw new ConfigurationException("AIGC_HTTP_CALLER_FIELDS", "'" + field + "' is not a field a "
                        + service + " caller can be allowed to set (expected some of "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return Set.copyOf(listed);
    }

    private static List<String> hostSuffixes(Settings s) {
        List<String> out = new ArrayList<>();
        for (String suffix : s.list("AIGC_MEDIA_URL_ALLOWED_HOSTS")) {
            String lower = suffix.toLowerCase(Locale.ROOT);
            if (!lower.matches("\\.?[a-z0-9-]+(\\.[a-z0-9-]+)*")) {
                throw new ConfigurationException("AIGC_MEDIA_URL_ALLOWED_HOSTS", "expected host names or suffixes "
                        + "such as example.com or .example.com, got '" + suffix + "'");
            }
            out.add(lower);
        }
        return out;
    }

    /** The route as configured, e.g. /tasks. */
    public String path() {
        return path;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The bearer token callers must present, or null when the trigger is open. A secret: never log it. */
    public String token() {
        return token;
    }

    /** Origins allowed to call from a browser (exact, or "*"); empty: none. */
    public List<String> corsOrigins() {
        return corsOrigins;
    }

    /** Parameters a caller may set: top-level names, {@code Parent.Child} for single fields, FileId for VOD files. */
    public Set<String> callerFields() {
        return callerFields;
    }

    /** Host suffixes caller media URLs must end with; empty: any public host. */
    public List<String> allowedMediaHosts() {
        return allowedMediaHosts;
    }

    @Override
    public String toString() {
        return "HttpSettings{path=" + path + ", maxBodyBytes=" + maxBodyBytes + ", token="
                + (token == null ? "unset" : "<set>") + ", corsOrigins=" + corsOrigins + "}";
    }
}
