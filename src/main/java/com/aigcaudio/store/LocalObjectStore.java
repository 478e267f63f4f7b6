package com.aigcaudio.store;

import com.aigcaudio.core.Deadline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A directory standing in for COS on one machine, so that consecutive local runs share state. Objects are files
 * under the root (key segments become folders); a forbid-overwrite write creates its file atomically (the
 * content goes to a temporary file first, then is linked into place only if no file has the name).
 * File names are encoded by us ({@link #fileOf}), never by the platform's file-name encoding, so a key with any
 * characters works under any locale ({@code LANG=C} included). Metadata is not kept: nothing reads it back locally.
 * Compare-and-swap writes compare the content's hash under a
 * lock of this instance: atomic within one process, not between processes sharing the directory.
 */
public final class LocalObjectStore implements ObjectStore {
    private final Path root;
    private final URI baseUrl;

    public LocalObjectStore(Path root) {
        this(root, null);
    }

    /** @param baseUrl where the directory is served over HTTP (`serve`), or null for file URLs */
    public LocalObjectStore(Path root, URI baseUrl) {
        this.root = root.toAbsolutePath().normalize();
        this.baseUrl = baseUrl;
    }

    @Override
    public boolean put(String key, Body body, String contentType, Map<String, String> metadata, boolean forbidOverwrite,
                       Deadline deadline) {
        Path target = resolve(key);
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
            try {
                if (body.bytes() != null) {
                    Files.write(temp, body.bytes());
                } else {
                    Files.copy(body.file(), temp, StandardCopyOption.REPLACE_EXISTING);
                }
                if (forbidOverwrite) {
                    try {
                        Files.createLink(target, temp);
                    } catch (FileAlreadyExistsException e) {
                        return false;
                    }
                } else {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                return true;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] get(String key, Deadline deadline) {
        try {
            return Files.readAllBytes(resolve(key));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key, Deadline deadline) {
        try {
            Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot delete " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] getAtMost(String key, long maxBytes, Deadline deadline) {
        Path file = resolve(key);
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new ObjectTooLargeException(size, maxBytes);
            }
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot read " + key + ": " + e.getMessage(), e);
        }
        return get(key, deadline);
    }

    @Override
    public Stored read(String key, Deadline deadline) {
        byte[] bytes = get(key, deadline);
        return bytes == null ? null : new Stored(bytes, ContentTags.of(bytes));
    }

    @Override
    public synchronized boolean replace(String key, Body body, String contentType, String etag, Deadline deadline) {
        Stored current = read(key, deadline);
        if (current == null || !current.etag().equals(etag)) {
            return false;
        }
        return put(key, body, contentType, Map.of(), false, deadline);
    }

    @Override
    public synchronized boolean delete(String key, String etag, Deadline deadline) {
        Stored current = read(key, deadline);
        if (current != null && !current.etag().equals(etag)) {
            return false;
        }
        delete(key, deadline);
        return true;
    }

    @Override
    public List<Listed> entries(String prefix, Deadline deadline) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Listed> keys = new ArrayList<>();
        try {
            // Another writer's temporary file can vanish between reading a folder and looking at the file:
            // a file that is gone is simply not listed (Files.walk would fail the whole listing instead).
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String key = keyOf(root.relativize(file));
                    if (attributes.isRegularFile() && !file.getFileName().toString().startsWith(".incoming-")
                            && key.startsWith(prefix)) {
                        keys.add(new Listed(key, attributes.lastModifiedTime().toInstant()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot list " + root + ": " + e.getMessage(), e);
        }
        keys.sort(Comparator.comparing(Listed::key));
        return keys;
    }

    @Override
    public URI url(String key, Duration lifetime) {
        Path file = resolve(key);
        if (baseUrl == null) {
            return file.toUri();
        }
        return baseUrl.resolve(com.aigcaudio.aws.signing.S3Presigner.encodeKey(key).substring(1));
    }

    /** The file for a key; a key that would leave the root is refused. */
    Path resolve(String key) {
        Path path = fileOf(root, key);
        if (!path.startsWith(root) || path.equals(root)) {
            throw new StoreUnavailableException("key " + key + " falls outside the local store", null);
        }
        return path;
    }

    /**
     * The file a key names under {@code root}: one folder per '/'-separated segment, each segment's characters
     * outside {@code A-Z a-z 0-9 . _ - ~} written as %XX of their UTF-8 bytes (a segment of dots alone too, so no
     * key climbs out). The names are ASCII whatever the platform's file-name encoding.
     */
    public static Path fileOf(Path root, String key) {
        StringBuilder name = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            if (name.length() > 0) {
                name.append('/');
            }
            boolean dots = !segment.isEmpty() && segment.chars().allMatch(c -> c == '.');
            for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || ((c == '.') && !dots) || c == '_' || c == '-' || c == '~';
                name.append(plain ? String.valueOf((char) c) : String.format("%%%02X", c));
            }
        }
        return root.resolve(name.toString()).normalize();
    }

    /** The key a file's path under the root stands for: {@link #fileOf} undone. */
    static String keyOf(Path relative) {
        String encoded = relative.toString().replace('\\', '/');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    public Path root() {
        return root;
    }
}
