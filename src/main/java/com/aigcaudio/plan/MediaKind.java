package com.aigcaudio.plan;

import java.util.Locale;
import java.util.Set;

/** Whether an object is a video, an audio file, or neither: by key suffix first, then by Content-Type. */
public enum MediaKind {
    VIDEO, AUDIO, OTHER;

    private static final Set<String> VIDEO_SUFFIXES = Set.of("mp4", "mov", "m4v", "mkv", "webm", "avi", "flv", "ts",
            "3gp", "wmv", "mpg", "mpeg", "mts");
    private static final Set<String> AUDIO_SUFFIXES = Set.of("mp3", "wav", "m4a", "aac", "flac", "ogg", "opus", "wma",
            "amr", "aiff");

    public static MediaKind of(String key, String contentType) {
        int dot = key.lastIndexOf('.');
        int slash = key.lastIndexOf('/');
        if (dot > slash && dot < key.length() - 1) {
            String suffix = key.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (VIDEO_SUFFIXES.contains(suffix)) {
                return VIDEO;
            }
            if (AUDIO_SUFFIXES.contains(suffix)) {
                return AUDIO;
            }
        }
        String type = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
        if (type.startsWith("video/")) {
            return VIDEO;
        }
        return type.startsWith("audio/") ? AUDIO : OTHER;
    }
}
