package com.aigcaudio.tencent.aigc;

import com.aigcaudio.core.InvalidRequestException;
import com.aigcaudio.core.Service;
import com.aigcaudio.tencent.client.ApiRequest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The status query for one AIGC audio task: VOD {@code DescribeTaskDetail} (TaskId, SubAppId; 100 requests/s, tasks
 * of the last 3 days) or MPS {@code DescribeAigcAudioTask} (TaskId; 20 requests/s).
 */
public final class DescribeAudioTask implements ApiRequest {
    public static final String VOD_ACTION = "DescribeTaskDetail";
    public static final String MPS_ACTION = "DescribeAigcAudioTask";

    private final Service service;
    private final String taskId;
    private final Long subAppId;

    public DescribeAudioTask(Service service, String taskId, Long subAppId) {
        this.service = service;
        this.taskId = taskId;
        this.subAppId = subAppId;
    }

    @Override
    public Service service() {
        return service;
    }

    @Override
    public String action() {
        return service == Service.VOD ? VOD_ACTION : MPS_ACTION;
    }

    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public int requestsPerSecond() {
        return service == Service.VOD ? 100 : 20;
    }

    @Override
    public void validate() {
        if (taskId == null || taskId.isEmpty() || taskId.length() > 256 || !taskId.matches("[A-Za-z0-9_.-]+")) {
            throw new InvalidRequestException("TaskId", "must be a task id (letters, digits, '-', '_', '.')");
        }
    }

    @Override
    public Object toJsonValue() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("TaskId", taskId);
        if (service == Service.VOD) {
            json.put("SubAppId", subAppId);
        }
        return json;
    }
}
