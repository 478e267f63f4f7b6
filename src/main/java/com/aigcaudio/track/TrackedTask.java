package com.aigcaudio.track;

/** A created task the tracker is to follow, and where its soundtrack goes. */
public final class TrackedTask {
    private final String taskId;
    private final String requestId;
    private final String source;
    private final String resultName;

    /**
     * @param source     the upload, timer or caller the task was created for (logs, webhook)
     * @param resultName the soundtrack's name under the result prefix (the source key), or null: tasks/TASKID
     */
    public TrackedTask(String taskId, String requestId, String source, String resultName) {
        this.taskId = taskId;
        this.requestId = requestId;
        this.source = source;
        this.resultName = resultName == null ? "tasks/" + taskId : resultName;
    }

    public String taskId() {
        return taskId;
    }

    public String requestId() {
        return requestId;
    }

    public String source() {
        return source;
    }

    public String resultName() {
        return resultName;
    }
}
