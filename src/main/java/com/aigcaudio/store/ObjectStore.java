package com.aigcaudio.store;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.transport.Call;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bucket of small objects: COS in production, a local directory for runs on one machine, memory in tests. The
 * idempotency markers, the tracking records and the delivered soundtracks all live in one. Every method throws
 * {@link StoreUnavailableException} when the store cannot answer, and none waits past {@code deadline}.
 */
public interface ObjectStore {
    /**
     * Writes an object. With {@code forbidOverwrite} the write is atomic and refused when the object exists.
     *
     * @return false only when {@code forbidOverwrite} and the object already existed
     */
    boolean put(String key, Body body, String contentType, Map<String, String> metadata, boolean forbidOverwrite,
                Deadline deadline);

    /** The object's bytes, or null when it does not exist. */
    default byte[] get(String key, Deadline deadline) {
        Stored stored = read(key, deadline);
        return stored == null ? null : stored.bytes();
    }

    /**
     * The object's bytes when it has at most {@code maxBytes}, reading no more than that (a 95 MB soundtrack never
     * enters memory to be refused); null when it does not exist.
     *
     * @throws ObjectTooLargeException when the object is larger
     */
    byte[] getAtMost(String key, long maxBytes, Deadline deadline);

    /** Deletes the object; deleting a missing object is not an error. */
    void delete(String key, Deadline deadline);

    /** The object's bytes with its ETag, or null when it does not exist. */
    Stored read(String key, Deadline deadline);

    /**
     * Compare-and-swap: writes the object only if its ETag is still {@code etag}.
     *
     * @return false when the object changed or is gone; stores that cannot compare (COS) write unconditionally
     */
    boolean replace(String key, Body body, String contentType, String etag, Deadline deadline);

    /**
     * Deletes the object only if its ETag is still {@code etag}.
     *
     * @return false when the object changed; true when it was deleted or already gone
     */
    boolean delete(String key, String etag, Deadline deadline);

    /** Every object under {@code prefix} with the time it was last written, in key order. */
    List<Listed> entries(String prefix, Deadline deadline);

    /** Every key under {@code prefix}, in key order. */
    default List<String> list(String prefix, Deadline deadline) {
        List<String> keys = new ArrayList<>();
        for (Listed entry : entries(prefix, deadline)) {
            keys.add(entry.key());
        }
        return keys;
    }

    /** A URL a browser or service can GET the object from for {@code lifetime} (presigned on COS). */
    URI url(String key, Duration lifetime);

    /** A key in a listing and when its object was last written (by the store's clock). */
    final class Listed {
        private final String key;
        private final Instant lastModified;

        public Listed(String key, Instant lastModified) {
            this.key = key;
            this.lastModified = lastModified;
        }

        public String key() {
            return key;
        }

        public Instant lastModified() {
            return lastModified;
        }
    }

    /** An object's bytes and the ETag that identifies this version of them. */
    final class Stored {
        private final byte[] bytes;
        private final String etag;

        public Stored(byte[] bytes, String etag) {
            this.bytes = bytes;
            this.etag = etag;
        }

        public byte[] bytes() {
            return bytes;
        }

        public String etag() {
            return etag;
        }
    }

    /** What to write: bytes in memory, or a file (a downloaded soundtrack, streamed from disk). */
    final class Body {
        private final byte[] bytes;
        private final Path file;

        private Body(byte[] bytes, Path file) {
            this.bytes = bytes;
            this.file = file;
        }

        public static Body of(byte[] bytes) {
            return new Body(bytes, null);
        }

        public static Body of(Path file) {
            return new Body(null, file);
        }

        /** The bytes, or null when the body is a file. */
        public byte[] bytes() {
            return bytes;
        }

        /** The file, or null when the body is in memory. */
        public Path file() {
            return file;
        }

        /** The call carrying this body; a file that is gone is the caller's error, not a failure to retry. */
        Call attachTo(Call call) {
            if (bytes != null) {
                return call.body(bytes);
            }
            if (!Files.isReadable(file)) {
                throw new StoreUnavailableException("the file to upload is gone: " + file, null);
            }
            return call.body(file);
        }
    }
}
