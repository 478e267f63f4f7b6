package com.aigcaudio.platform.cli;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Serves the soundtracks the tracker delivered into the local store ({@code /local/<key>}), so the page can play
 * them from its own origin. Only keys under the result prefix: claims and tracking records stay private.
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
        String key = exchange.getRequestURI().getPath().substring(PATH.length());
        Path file = root == null ? null : root.resolve(key).normalize();
        boolean readable = file != null && key.startsWith(resultPrefix) && file.startsWith(root) && Files.isRegularFile(file);
        if (!readable || !("GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod()))) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        exchange.getResponseHeaders().set("Content-Type", name.endsWith(".wav") ? "audio/wav"
                : name.endsWith(".mp3") ? "audio/mpeg" : "application/octet-stream");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        long size = Files.size(file);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, size);
        try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(file, out);
        }
    }
}
