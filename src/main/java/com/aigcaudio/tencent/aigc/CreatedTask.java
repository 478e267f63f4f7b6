package com.aigcaudio.tencent.aigc;

/** A task the API accepted. */
public final class CreatedTask {
    private final String taskId;
    private final String requestId;
    private final int attempts;

    public CreatedTask(String taskId, String requestId, int attempts) {
        this.taskId = taskId;
        this.requestId = requestId;
        this.attempts = attempts;
    }

    public String taskId() {
        return taskId;
    }

    public String requestId() {
        return requestId;
    }

    /** Requests it took, retries included. */
    public int attempts() {
        return attempts;
    }

    @Override
    public String toString() {
        return "CreatedTask{taskId=" + taskId + ", requestId=" + requestId + "}";
    }
}
