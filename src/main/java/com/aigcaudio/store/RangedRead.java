package com.aigcaudio.store;

import com.aigcaudio.transport.Reply;

import java.util.Optional;

/**
 * A GET of at most {@code max} bytes on a bucket, asked for with {@code Range: bytes=0-max} (one byte more than
 * allowed, so "exactly max" and "over max" are told apart): the answer never carries more than that.
 */
final class RangedRead {
    private RangedRead() {
    }

    static String header(long max) {
        return "bytes=0-" + max;
    }

    /** The object's bytes from the ranged answer, or null on 404; throws when the object is over {@code max}. */
    static byte[] bytes(Reply reply, long max, String what) {
        switch (reply.status()) {
            case 404:
                return null;
            case 416:
                // An empty object has no byte 0.
                return new byte[0];
            case 200:
            case 206:
                long total = total(reply.header("Content-Range")).orElse((long) reply.body().length);
                if (total > max || reply.body().length > max) {
                    throw new ObjectTooLargeException(total, max);
                }
                return reply.body();
            default:
                throw new StoreUnavailableException(what + " GET answered HTTP " + reply.status(), null);
        }
    }

    /** The total of "bytes 0-99/12345", when given. */
    private static Optional<Long> total(Optional<String> contentRange) {
        return contentRange.map(value -> value.substring(value.lastIndexOf('/') + 1).trim())
                .filter(total -> total.matches("\\d+")).map(Long::parseLong);
    }
}
