package com.aigcaudio.tencent.aigc;

import java.util.List;
import java.util.Locale;

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

    /** Not done: nothing generated; error codes only when FAILED. */
    private AudioTaskStatus(String taskId, State state, Integer progress, String errorCode, String errorCodeExt,
                            String message) {
        this.taskId = taskId;
        this.state = state;
        this.progress = progress;
        this.outputs = List.of();
        this.errorCode = errorCode;
        this.errorCodeExt = errorCodeExt;
        this.message = message;
    }

    private AudioTaskStatus(String taskId, List<AudioOutput> outputs, String message) {
        this.taskId = taskId;
        this.state = State.DONE;
        this.progress = 100;
        this.outputs = List.copyOf(outputs);
        this.errorCode = null;
        this.errorCodeExt = null;
        this.message = message;
    }

    /** Waiting to run; {@code progress} where the service says, else null. */
    public static AudioTaskStatus queued(String taskId, Integer progress) {
        return new AudioTaskStatus(taskId, State.QUEUED, progress, null, null, null);
    }

    public static AudioTaskStatus running(String taskId, Integer progress) {
        return new AudioTaskStatus(taskId, State.RUNNING, progress, null, null, null);
    }

    public static AudioTaskStatus done(String taskId, List<AudioOutput> outputs, String message) {
        return new AudioTaskStatus(taskId, outputs, message);
    }

    public static AudioTaskStatus failed(String taskId, Integer progress, String errorCode, String errorCodeExt,
                                         String message) {
        return new AudioTaskStatus(taskId, State.FAILED, progress, errorCode, errorCodeExt, message);
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

    /** Our code for an MPS task that failed: MPS says only FAIL and a message. */
    public static final String MPS_FAILED = "TaskFailed";
    /** Our code for an MPS task whose message says content review refused it. */
    public static final String MPS_REVIEW_REFUSED = "ContentReviewRefused";
    private static final String[] REVIEW_WORDS = {"violat", "moderat", "sensitive", "content review", "audit",
        "违规", "审核", "敏感"};

    /** The code of an MPS failure, from its message: a content-review refusal told apart from the rest. */
    static String mpsFailureCode(String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        for (String word : REVIEW_WORDS) {
            if (text.contains(word)) {
                return MPS_REVIEW_REFUSED;
            }
        }
        return MPS_FAILED;
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
