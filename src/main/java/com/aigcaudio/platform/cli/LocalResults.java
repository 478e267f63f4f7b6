package com.aigcaudio.platform.cli;

import com.aigcaudio.store.LocalObjectStore;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Serves the soundtracks the tracker delivered into the local store ({@code /local/<key>}), so the page can play
 * them from its own origin. Only regular files inside the result directory, named plainly: no {@code ..} or
 * {@code .} segments, no encoded separators, no symbolic links anywhere on the way. Claims and tracking records,
 * which sit next to the results, stay private.
 */
final class LocalResults {
    static final String PATH = "/local/";

    private final Path root;
    private final String resultPrefix;

    /** @param root the local store's directory, or null when state is elsewhere (then nothing is served) */
    LocalResults(Path root, String resultPrefix) {
        this.root = root == null ? null : root.toAbsolutePath().normalize();
        this.resultPrefix = resultPrefix;
    }

    void serve(HttpExchange exchange) throws IOException {
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        Path file = head || "GET".equals(exchange.getRequestMethod())
                ? file(exchange.getRequestURI().getRawPath().substring(PATH.length())) : null;
        if (file == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        exchange.getResponseHeaders().set("Content-Type", name.endsWith(".wav") ? "audio/wav"
                : name.endsWith(".mp3") ? "audio/mpeg" : "application/octet-stream");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        long size = Files.size(file);
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, size);
        try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(file, out);
        }
    }

    /** The file a raw (still percent-encoded) key names, or null unless it is a plain regular file of a result. */
    Path file(String rawKey) throws IOException {
        if (root == null || rawKey.isEmpty() || rawKey.matches("(?i).*%(2f|5c|00|2e).*")) {
            return null;
        }
        String key = URLDecoder.decode(rawKey.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (!key.startsWith(resultPrefix) || key.contains("\\") || key.contains("\0")) {
            return null;
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        Path results = LocalObjectStore.fileOf(root, resultPrefix);
        if (results.equals(root)) {
            return null;
        }
        Path file = LocalObjectStore.fileOf(root, key);
        if (!file.startsWith(results) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                || !Files.isDirectory(results, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        // A link in a parent directory: the real path leaves the result directory.
        return file.toRealPath().startsWith(results.toRealPath()) ? file : null;
    }
}
