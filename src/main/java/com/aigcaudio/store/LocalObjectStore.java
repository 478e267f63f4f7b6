package com.aigcaudio.store;

import com.aigcaudio.core.Deadline;

import java.io.IOException;
import java.net.URI;
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
 * Metadata is not kept: nothing reads it back locally. Compare-and-swap writes compare the content's hash under a
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
                    String key = root.relativize(file).toString().replace('\\', '/');
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

    /** The file for a key; a key that would leave the root (.. segments, absolute) is refused. */
    Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new StoreUnavailableException("key " + key + " falls outside the local store", null);
        }
        return path;
    }

    public Path root() {
        return root;
    }
}
