package com.aigcaudio.config;

/** The HTTP trigger's route, size limit and optional bearer token. */
public final class HttpSettings {
    private final String path;
    private final int maxBodyBytes;
    private final String token;

    public HttpSettings(String path, int maxBodyBytes, String token) {
        this.path = normalise(path);
        this.maxBodyBytes = maxBodyBytes;
        this.token = token;
    }

    /** Reads AIGC_HTTP_PATH, AIGC_HTTP_MAX_BODY_BYTES and AIGC_HTTP_TOKEN. */
    public static HttpSettings from(Settings s) {
        String path = s.string("AIGC_HTTP_PATH", "/tasks");
        if (!path.startsWith("/")) {
            throw new ConfigurationException("AIGC_HTTP_PATH", "must start with /, got '" + path + "'");
        }
        String token = s.string("AIGC_HTTP_TOKEN");
        if (token != null && token.length() < 16) {
            throw new ConfigurationException("AIGC_HTTP_TOKEN", "must be at least 16 characters");
        }
        return new HttpSettings(path, (int) s.longValue("AIGC_HTTP_MAX_BODY_BYTES", 65_536, 1024, 6 * 1024 * 1024), token);
    }

    static String normalise(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The route, e.g. /tasks; a request path matches when it is this path or ends with it (API gateway prefixes). */
    public String path() {
        return path;
    }

    public boolean matches(String requestPath) {
        if (requestPath == null) {
            return false;
        }
        String p = normalise(requestPath);
        // path starts with '/', so endsWith always matches whole segments (/release/tasks, not /subtasks).
        return p.equals(path) || !path.equals("/") && p.endsWith(path);
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The bearer token callers must present, or null when the trigger is open. A secret: never log it. */
    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return "HttpSettings{path=" + path + ", maxBodyBytes=" + maxBodyBytes + ", token=" + (token == null ? "unset" : "<set>") + "}";
    }
}
