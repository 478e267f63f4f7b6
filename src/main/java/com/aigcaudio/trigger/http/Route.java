package com.aigcaudio.trigger.http;

/**
 * The HTTP trigger's route ({@code /tasks}) and what a request path means under it. A gateway may put a stage in
 * front ({@code /release/tasks}), so a path matches when it ends with the route in whole segments.
 */
final class Route {
    private static final String SEGMENT = "/[A-Za-z0-9_~-]+";
    private final String path;

    Route(String path) {
        this.path = normalise(path);
    }

    /** The path without a trailing slash ("/" stays "/"). */
    static String normalise(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The configured route, e.g. /tasks. */
    String path() {
        return path;
    }

    /** The task collection itself: POST /tasks. */
    boolean isCollection(String requestPath) {
        if (requestPath == null) {
            return false;
        }
        String p = normalise(requestPath);
        // path starts with '/', so endsWith always matches whole segments (/release/tasks, not /subtasks).
        return p.equals(path) || !path.equals("/") && p.endsWith(path);
    }

    /** The task id of {@code <route>/<taskId>} (GET /tasks/{taskId}), or null when the path is not that. */
    String taskIdIn(String requestPath) {
        if (requestPath == null) {
            return null;
        }
        String p = normalise(requestPath);
        int slash = p.lastIndexOf('/');
        if (slash <= 0 || slash == p.length() - 1) {
            return null;
        }
        return isCollection(p.substring(0, slash)) ? p.substring(slash + 1) : null;
    }

    /** The task id of {@code <route>/<taskId>/result}, or null. */
    String resultOf(String requestPath) {
        String p = requestPath == null ? "" : normalise(requestPath);
        return p.endsWith("/result") ? taskIdIn(p.substring(0, p.length() - "/result".length())) : null;
    }

    /**
     * Where the task collection is, for Location: the route behind the gateway stage the request came through when
     * that is plain path segments. Never the raw path, which may say {@code //evil.example/tasks}.
     */
    String collectionBehind(String requestPath) {
        String p = normalise(requestPath);
        String stage = p.length() > path.length() ? p.substring(0, p.length() - path.length()) : "";
        return (stage.matches("(" + SEGMENT + ")*") ? stage : "") + path;
    }

    /**
     * The page lives at "/" or at a gateway stage ("/release/"), one segment in front of the route; the browser
     * resolves the route against where it found the page.
     */
    boolean isPage(String requestPath) {
        String p = requestPath == null || requestPath.isEmpty() ? "/" : normalise(requestPath);
        return !path.equals("/") && (p.equals("/") || p.matches(SEGMENT) && !p.equals(path));
    }
}
