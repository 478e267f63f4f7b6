package com.aigcaudio.store;

import com.aigcaudio.core.Hashing;

/** ETags for stores that keep none: the content's SHA-256, so equal content has an equal tag. */
final class ContentTags {
    private ContentTags() {
    }

    static String of(byte[] bytes) {
        return "\"" + Hashing.sha256Hex(bytes) + "\"";
    }
}
