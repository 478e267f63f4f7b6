package com.aigcaudio.tencent.aigc;

import com.aigcaudio.core.Deadline;
import com.aigcaudio.core.ErrorClass;
import com.aigcaudio.core.Service;
import com.aigcaudio.tencent.client.ApiException;
import com.aigcaudio.tencent.client.ApiResponse;
import com.aigcaudio.tencent.client.TencentCloudClient;

/** The AIGC audio actions, typed: create a task, and ask where it stands. */
public final class AigcAudioTasks {
    private final TencentCloudClient client;

    public AigcAudioTasks(TencentCloudClient client) {
        this.client = client;
    }

    public TencentCloudClient client() {
        return client;
    }

    /** Creates one task. A success without a TaskId is reported as an unknown outcome, not as a task. */
    public CreatedTask create(CreateAigcAudioTask request, Deadline deadline) {
        ApiResponse response = client.call(request, deadline);
        String taskId = response.string("TaskId");
        if (taskId == null || taskId.isEmpty()) {
            throw new ApiException(ErrorClass.UNKNOWN_OUTCOME, "MissingTaskId",
                    "the service answered without a TaskId", response.requestId(), 200);
        }
        return new CreatedTask(taskId, response.requestId(), response.attempts());
    }

    /**
     * The task's status: DescribeTaskDetail on VOD (with {@code subAppId}, which may be null), DescribeAigcAudioTask
     * on MPS. Each has its own rate budget.
     */
    public AudioTaskStatus describe(String taskId, Long subAppId, Deadline deadline) {
        DescribeAudioTask request = new DescribeAudioTask(client.config().service(), taskId, subAppId);
        ApiResponse response = client.call(request, deadline);
        return client.config().service() == Service.VOD ? AudioTaskStatusReader.vod(taskId, response)
                : AudioTaskStatusReader.mps(taskId, response);
    }
}
