package com.aigcaudio.plan;

import com.aigcaudio.tencent.aigc.CreateAigcAudioTask;

/** What to do with one unit of work: submit this task, or skip it for a stated reason. */
public final class Plan {
    private final CreateAigcAudioTask task;
    private final String skipReason;

    private Plan(CreateAigcAudioTask task, String skipReason) {
        this.task = task;
        this.skipReason = skipReason;
    }

    /** A plan to submit this task. */
    public static Plan of(CreateAigcAudioTask task) {
        return new Plan(task, null);
    }

    public static Plan skip(String reason) {
        return new Plan(null, reason);
    }

    public boolean skipped() {
        return task == null;
    }

    public CreateAigcAudioTask task() {
        return task;
    }

    public String skipReason() {
        return skipReason;
    }
}
