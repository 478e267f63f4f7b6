package com.aigcaudio.tencent.aigc;

import com.aigcaudio.core.ErrorClass;
import com.aigcaudio.tencent.client.ApiException;
import com.aigcaudio.tencent.client.ApiResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads DescribeTaskDetail (VOD) and DescribeAigcAudioTask (MPS) answers. Unknown fields are ignored; a field
 * the status needs that is missing or of the wrong type is a {@code MalformedResponse} naming it.
 */
final class AudioTaskStatusReader {
    private static final List<String> VOD_STATES = List.of("WAITING", "PROCESSING", "FINISH", "ABORTED");

    private AudioTaskStatusReader() {
    }

    /** VOD: the top-level Status (WAITING, PROCESSING, FINISH, ABORTED), details in AigcAudioTask. */
    static AudioTaskStatus vod(String taskId, ApiResponse response) {
        Map<String, Object> fields = response.fields();
        String status = text(fields, "Status", response, true);
        if (!VOD_STATES.contains(status)) {
            throw malformed("Status", "has the unknown value " + status, response);
        }
        Map<?, ?> task = object(fields.get("AigcAudioTask"), "AigcAudioTask", response, "FINISH".equals(status));
        Integer progress = task == null ? null : integer(task.get("Progress"));
        String errCode = task == null || task.get("ErrCode") == null ? null : String.valueOf(task.get("ErrCode"));
        String errCodeExt = task == null ? null : text(task, "ErrCodeExt", response, false);
        String message = task == null ? null : text(task, "Message", response, false);
        boolean failedInside = "0".equals(errCode) ? false : errCode != null || errCodeExt != null
                && !errCodeExt.isEmpty();
        switch (status) {
            case "WAITING":
                return AudioTaskStatus.queued(taskId, progress);
            case "PROCESSING":
                return AudioTaskStatus.running(taskId, progress);
            case "FINISH":
                if (failedInside) {
                    return AudioTaskStatus.failed(taskId, progress, errCode, errCodeExt, message);
                }
                return AudioTaskStatus.done(taskId, vodOutputs(task, response), message);
            default:
                return AudioTaskStatus.failed(taskId, progress, errCode == null ? "Aborted" : errCode, errCodeExt,
                        message);
        }
    }

    private static List<AudioTaskStatus.AudioOutput> vodOutputs(Map<?, ?> task, ApiResponse response) {
        Map<?, ?> output = object(task.get("Output"), "AigcAudioTask.Output", response, true);
        List<AudioTaskStatus.AudioOutput> outputs = new ArrayList<>();
        for (String list : new String[] {"AudioInfos", "VideoInfos"}) {
            for (Map<?, ?> info : objects(output.get(list), "AigcAudioTask.Output." + list, response)) {
                outputs.add(new AudioTaskStatus.AudioOutput(text(info, "FileUrl", response, false),
                        text(info, "FileId", response, false), text(info, "StorageMode", response, false),
                        text(info, "FileType", response, false), null));
            }
        }
        if (outputs.isEmpty()) {
            throw malformed("AigcAudioTask.Output.AudioInfos", "is empty for a finished task", response);
        }
        return outputs;
    }

    /** MPS: Status WAIT, RUN, FAIL or DONE; Message; AudioInfos / VideoInfos of {Url, Duration}. */
    static AudioTaskStatus mps(String taskId, ApiResponse response) {
        Map<String, Object> fields = response.fields();
        String status = text(fields, "Status", response, true);
        String message = text(fields, "Message", response, false);
        switch (status) {
            case "WAIT":
                return AudioTaskStatus.queued(taskId, null);
            case "RUN":
                return AudioTaskStatus.running(taskId, null);
            case "FAIL":
                // DescribeAigcAudioTask has no error code: Status FAIL and a Message are all it says.
                return AudioTaskStatus.failed(taskId, null, AudioTaskStatus.mpsFailureCode(message), null, message);
            case "DONE":
                List<AudioTaskStatus.AudioOutput> outputs = new ArrayList<>();
                for (String list : new String[] {"AudioInfos", "VideoInfos"}) {
                    for (Map<?, ?> info : objects(fields.get(list), list, response)) {
                        Object duration = info.get("Duration");
                        outputs.add(new AudioTaskStatus.AudioOutput(text(info, "Url", response, true), null, null, null,
                                duration instanceof Number ? ((Number) duration).doubleValue() : null));
                    }
                }
                if (outputs.isEmpty()) {
                    throw malformed("AudioInfos", "is empty for a finished task", response);
                }
                return AudioTaskStatus.done(taskId, outputs, message);
            default:
                throw malformed("Status", "has the unknown value " + status, response);
        }
    }

    private static String text(Map<?, ?> map, String name, ApiResponse response, boolean required) {
        Object value = map.get(name);
        if (value == null) {
            if (required) {
                throw malformed(name, "is missing", response);
            }
            return null;
        }
        if (!(value instanceof String)) {
            throw malformed(name, "is not a string", response);
        }
        return (String) value;
    }

    private static Map<?, ?> object(Object value, String name, ApiResponse response, boolean required) {
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof Map)) {
            throw malformed(name, value == null ? "is missing" : "is not an object", response);
        }
        return (Map<?, ?>) value;
    }

    private static List<Map<?, ?>> objects(Object value, String name, ApiResponse response) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof List)) {
            throw malformed(name, "is not an array", response);
        }
        for (Object item : (List<?>) value) {
            out.add(object(item, name + "[]", response, true));
        }
        return out;
    }

    private static Integer integer(Object value) {
        return value instanceof Number ? ((Number) value).intValue() : null;
    }

    private static ApiException malformed(String field, String problem, ApiResponse response) {
        return new ApiException(ErrorClass.FAILED, "MalformedResponse", "the status answer's " + field + " " + problem,
                response.requestId(), 200);
    }
}
