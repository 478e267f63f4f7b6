package com.aigcaudio.tencent.aigc;

import java.util.List;

/** Where an AIGC audio task stands, in one vocabulary for both products. */
public final class AudioTaskStatus {
    public enum State { QUEUED, RUNNING, DONE, FAILED }

    private final String taskId;
    private final State state;
    private final Integer progress;
    private final List<AudioOutput> outputs;
    private final String errorCode;
    private final String errorCodeExt;
    private final String message;

    private AudioTaskStatus(String taskId, State state, Integer progress, List<AudioOutput> outputs, String message) {
        this(taskId, state, progress, outputs, message, new String[2]);
    }

    /** @param codes the service's error code and its extension (either null) */
    private AudioTaskStatus(String taskId, State state, Integer progress, List<AudioOutput> outputs, String message,
                            String[] codes) {
        this.taskId = taskId;
        this.state = state;
        this.progress = progress;
        this.outputs = List.copyOf(outputs);
        this.errorCode = codes[0];
        this.errorCodeExt = codes[1];
        this.message = message;
    }

    /** Waiting to run; {@code progress} where the service says, else null. */
    public static AudioTaskStatus queued(String taskId, Integer progress) {
        return new AudioTaskStatus(taskId, State.QUEUED, progress, List.of(), null);
    }

    public static AudioTaskStatus running(String taskId, Integer progress) {
        return new AudioTaskStatus(taskId, State.RUNNING, progress, List.of(), null);
    }

    public static AudioTaskStatus done(String taskId, List<AudioOutput> outputs, String message) {
        return new AudioTaskStatus(taskId, State.DONE, 100, outputs, message);
    }

    public static AudioTaskStatus failed(String taskId, Integer progress, String errorCode, String errorCodeExt,
                                         String message) {
        return new AudioTaskStatus(taskId, State.FAILED, progress, List.of(), message,
                new String[] {errorCode, errorCodeExt});
    }

    public String taskId() {
        return taskId;
    }

    public State state() {
        return state;
    }

    /** 0-100 where the service says, else null. */
    public Integer progress() {
        return progress;
    }

    /** The generated files (audio first), empty unless DONE. */
    public List<AudioOutput> outputs() {
        return outputs;
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorCodeExt() {
        return errorCodeExt;
    }

    public String message() {
        return message;
    }

    /** A failure because content review refused the prompt or media, told by its codes. */
    public boolean refusedByReview() {
        String codes = (errorCode == null ? "" : errorCode) + " " + (errorCodeExt == null ? "" : errorCodeExt);
        return codes.contains("VoilationContent") || codes.contains("ViolationContent")
                || codes.contains("ContentModeration") || codes.contains("ContentReview");
    }

    /** One generated file: a URL (MPS, VOD Temporary) or a media-library file (VOD Permanent). */
    public static final class AudioOutput {
        private final String url;
        private final String fileId;
        private final String storageMode;
        private final String fileType;
        private final Double duration;

        public AudioOutput(String url, String fileId, String storageMode, String fileType, Double duration) {
            this.url = url;
            this.fileId = fileId;
            this.storageMode = storageMode;
            this.fileType = fileType;
            this.duration = duration;
        }

        public String url() {
            return url;
        }

        public String fileId() {
            return fileId;
        }

        public String storageMode() {
            return storageMode;
        }

        public String fileType() {
            return fileType;
        }

        public Double duration() {
            return duration;
        }
    }
}
