package com.aigcaudio.emulator;

import com.aigcaudio.core.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An emulated task, all of whose state is in its TaskId (creation time and whether it will fail), so a later
 * process, with a new emulator, can still query it: queued, running after {@code running}, finished after
 * {@code done}.
 */
final class EmulatedTask {
    private static final Pattern ID = Pattern.compile(
            "1500000000-AigcAudio(?:Task)?-([0-9a-f]{12})([01])[0-9a-f]{19}t?");
    /** The API types Duration as an integer (seconds). */
    static final int SECONDS = 3;

    final String taskId;
    final Instant created;
    final boolean fails;

    private EmulatedTask(String taskId, Instant created, boolean fails) {
        this.taskId = taskId;
        this.created = created;
        this.fails = fails;
    }

    static EmulatedTask create(Service service, Instant now, boolean fails) {
        String hex = String.format("%012x", now.toEpochMilli()) + (fails ? "1" : "0")
                + UUID.randomUUID().toString().replace("-", "").substring(0, 19);
        String id = service == Service.VOD ? "1500000000-AigcAudioTask-" + hex + "t" : "1500000000-AigcAudio-" + hex;
        return new EmulatedTask(id, now, fails);
    }

    /** The task a TaskId names, or null when it is no emulated task id. */
    static EmulatedTask parse(String taskId) {
        Matcher m = taskId == null ? null : ID.matcher(taskId);
        if (m == null || !m.matches()) {
            return null;
        }
        return new EmulatedTask(taskId, Instant.ofEpochMilli(Long.parseLong(m.group(1), 16)), m.group(2).equals("1"));
    }

    boolean finished(Instant now, Duration done) {
        return !now.isBefore(created.plus(done));
    }

    /** The Describe answer (without RequestId) in the product's own shape. */
    Map<String, Object> describe(Service service, Instant now, Duration running, Duration done, String resultUrl) {
        Duration age = Duration.between(created, now);
        int progress = (int) Math.max(0, Math.min(99, 100 * (age.toMillis() - running.toMillis())
                / Math.max(1, done.toMillis() - running.toMillis())));
        boolean queued = age.compareTo(running) < 0;
        boolean finished = finished(now, done);
        Map<String, Object> answer = new LinkedHashMap<>();
        if (service == Service.MPS) {
            answer.put("Status", queued ? "WAIT" : !finished ? "RUN" : fails ? "FAIL" : "DONE");
            if (finished && fails) {
                answer.put("Message", "the model could not generate audio for this prompt");
            } else if (finished) {
                answer.put("AudioInfos", List.of(Map.of("Url", resultUrl, "Duration", SECONDS)));
            }
            return answer;
        }
        answer.put("TaskType", "AigcAudioTask");
        answer.put("Status", queued ? "WAITING" : finished ? "FINISH" : "PROCESSING");
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("TaskId", taskId);
        task.put("Status", finished ? "FINISH" : "PROCESSING");
        task.put("Progress", finished ? 100 : progress);
        if (finished && fails) {
            task.put("ErrCode", 70000);
            task.put("ErrCodeExt", "ModelGenerateFailed");
            task.put("Message", "the model could not generate audio for this prompt");
        } else if (finished) {
            task.put("ErrCode", 0);
            task.put("Output", Map.of("AudioInfos", List.of(Map.of("StorageMode", "Temporary", "FileType", "wav",
                    "FileUrl", resultUrl, "MediaName", "soundtrack"))));
        }
        if (!queued) {
            answer.put("AigcAudioTask", task);
        }
        return answer;
    }
}
