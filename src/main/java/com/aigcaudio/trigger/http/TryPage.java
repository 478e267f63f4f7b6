package com.aigcaudio.trigger.http;

import com.aigcaudio.config.HttpSettings;
import com.aigcaudio.core.Hashing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page to try the function in a browser (GET / on the HTTP trigger): one HTML file with inline CSS and JS,
 * shipped in the jar. The configuration it needs (API path, auth mode, defaults) goes into meta tags, so the
 * script and style never change and the Content-Security-Policy allows exactly them, by hash, and nothing else.
 */
public final class TryPage {
    private static final String RESOURCE = "try-page.html";

    private final String route;
    private final boolean tokenRequired;
    private final String service;
    private final Map<String, Object> defaults;

    /** @param defaults the configured task parameters (ModelName, SceneType, OutputConfig.Duration …) */
    public TryPage(HttpSettings settings, String service, Map<String, Object> defaults) {
        this.route = settings.path().substring(1);
        this.tokenRequired = settings.token() != null;
        this.service = service;
        this.defaults = defaults;
    }

    /** The page; 304 when {@code ifNoneMatch} names its ETag. */
    HttpResponse response(String ifNoneMatch) {
        Map<String, String> meta = new LinkedHashMap<>();
        // Relative: the page resolves it against its own location (a gateway stage is part of it).
        meta.put("api", route);
        meta.put("auth", tokenRequired ? "token" : "none");
        meta.put("service", service);
        meta.put("model", text(defaults.get("ModelName")));
        meta.put("scene", text(defaults.get("SceneType")));
        Object output = defaults.get("OutputConfig");
        meta.put("duration", output instanceof Map ? text(((Map<?, ?>) output).get("Duration")) : "");
        StringBuilder tags = new StringBuilder();
        meta.forEach((name, value) -> tags.append("<meta name=\"aigc-").append(name).append("\" content=\"")
                .append(escape(value)).append("\">\n"));
        byte[] body = Template.TEXT.replace("<!--CONFIG-->", tags.toString().trim()).getBytes(StandardCharsets.UTF_8);
        String etag = "\"" + Hashing.sha256Hex(body).substring(0, 32) + "\"";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("Content-Security-Policy", Template.CSP);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        // Revalidate every time (cheap with the ETag): a new deploy's page is seen at once.
        headers.put("Cache-Control", "no-cache");
        headers.put("ETag", etag);
        boolean unchanged = ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"));
        return unchanged ? HttpResponse.empty(304, headers)
                : HttpResponse.text(200, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** Read on the first request for the page, not at every cold start. */
    private static final class Template {
        static final String TEXT = load();
        static final String CSP = "default-src 'none'; script-src '" + hash("script") + "'; style-src '"
                + hash("style") + "'; connect-src 'self'; media-src 'self' https:; img-src 'self' data:; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The CSP source for the page's one {@code <tag>} element: the SHA-256 of its content, Base64. */
    private static String hash(String tag) {
        Matcher m = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(Template.TEXT);
        if (!m.find()) {
            throw new IllegalStateException(RESOURCE + " has no <" + tag + ">");
        }
        return "sha256-" + Base64.getEncoder().encodeToString(
                Hashing.digest("SHA-256", m.group(1).getBytes(StandardCharsets.UTF_8)));
    }

    private static String load() {
        try (InputStream in = TryPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
