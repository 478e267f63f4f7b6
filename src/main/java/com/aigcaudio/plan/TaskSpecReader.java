package com.aigcaudio.plan;

import com.aigcaudio.core.InvalidRequestException;
import com.aigcaudio.core.Service;
import com.aigcaudio.json.Json;
import com.aigcaudio.tencent.aigc.AudioTaskBase;
import com.aigcaudio.tencent.aigc.CreateAigcAudioTask;
import com.aigcaudio.tencent.aigc.MpsAudioTask;
import com.aigcaudio.tencent.aigc.MpsStoreCosParam;
import com.aigcaudio.tencent.aigc.VodAudioTask;
import com.aigcaudio.tencent.aigc.VodMediaReference;
import com.aigcaudio.tencent.aigc.VodOutputConfig;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads task parameters written in the service's own API vocabulary (ModelName, Prompt, VideoInfos…) into a
 * validated typed request. Unknown parameters are rejected here, so the API never answers UnknownParameter.
 */
public final class TaskSpecReader {
    static final Set<String> COMMON = Set.of("ModelName", "ModelVersion", "SceneType", "Prompt", "VideoInfos",
            "AudioInfos", "AdditionalParameters");
    static final Set<String> VOD = union(COMMON, Set.of("SubAppId", "OutputConfig"));
    static final Set<String> MPS = union(COMMON, Set.of("OutputAudioFormat", "StoreCosParam", "ExtraParameters",
            "Operator"));

    private TaskSpecReader() {
    }

    public static CreateAigcAudioTask read(Service service, Map<String, Object> spec) {
        SpecFields fields = new SpecFields(spec, "");
        CreateAigcAudioTask task = service == Service.VOD ? vod(fields) : mps(fields);
        task.validate();
        return task;
    }

    private static VodAudioTask vod(SpecFields f) {
        f.onlyKnown(VOD, "VOD CreateAigcAudioTask");
        VodAudioTask.Builder b = VodAudioTask.builder().subAppId(f.integer("SubAppId"));
        common(f, b);
        for (SpecFields item : f.objects("VideoInfos")) {
            b.addVideo(reference(item));
        }
        for (SpecFields item : f.objects("AudioInfos")) {
            b.addAudio(reference(item));
        }
        SpecFields out = f.object("OutputConfig");
        if (out != null) {
            out.onlyKnown(Set.of("StorageMode", "MediaName", "ClassId", "ExpireTime", "Duration", "OutputAudioFormat"),
                    "OutputConfig");
            b.outputConfig(VodOutputConfig.builder().storageMode(out.string("StorageMode"))
                    .mediaName(out.string("MediaName")).classId(out.integer("ClassId"))
                    .expireTime(out.string("ExpireTime")).duration(out.integer("Duration"))
                    .outputAudioFormat(out.string("OutputAudioFormat")).build());
        }
        return b.build();
    }

    private static VodMediaReference reference(SpecFields item) {
        item.onlyKnown(Set.of("Type", "FileId", "Url"), "a VOD media reference");
        String url = item.string("Url");
        String fileId = item.string("FileId");
        String type = item.string("Type");
        if (type == null) {
            // Convenience: the type follows from which of the two is given.
            type = url != null ? VodMediaReference.TYPE_URL : fileId != null ? VodMediaReference.TYPE_FILE : null;
        }
        return new VodMediaReference(type, fileId, url);
    }

    private static MpsAudioTask mps(SpecFields f) {
        f.onlyKnown(MPS, "MPS CreateAigcAudioTask");
        MpsAudioTask.Builder b = MpsAudioTask.builder();
        common(f, b);
        for (SpecFields item : f.objects("VideoInfos")) {
            item.onlyKnown(Set.of("VideoUrl"), "an MPS video reference");
            b.addVideoUrl(required(item, "VideoUrl"));
        }
        for (SpecFields item : f.objects("AudioInfos")) {
            item.onlyKnown(Set.of("AudioUrl"), "an MPS audio reference");
            b.addAudioUrl(required(item, "AudioUrl"));
        }
        b.outputAudioFormat(f.string("OutputAudioFormat")).operator(f.string("Operator"));
        SpecFields cos = f.object("StoreCosParam");
        if (cos != null) {
            cos.onlyKnown(Set.of("CosBucketName", "CosBucketRegion", "CosBucketPath"), "StoreCosParam");
            b.storeCosParam(new MpsStoreCosParam(cos.string("CosBucketName"), cos.string("CosBucketRegion"),
                    cos.string("CosBucketPath")));
        }
        SpecFields extra = f.object("ExtraParameters");
        if (extra != null) {
            extra.onlyKnown(Set.of("ResourceId"), "ExtraParameters");
            b.resourceId(extra.string("ResourceId"));
        }
        return b.build();
    }

    private static void common(SpecFields f, AudioTaskBase.Builder<?> b) {
        b.modelName(f.string("ModelName")).modelVersion(f.string("ModelVersion")).sceneType(f.string("SceneType"))
                .prompt(f.string("Prompt")).additionalParameters(additionalParameters(f));
    }

    /** A JSON-object string as the API wants, or (for convenience) the object itself, serialised here. */
    private static String additionalParameters(SpecFields f) {
        Object raw = f.raw("AdditionalParameters");
        return raw instanceof Map ? Json.toString(raw) : f.string("AdditionalParameters");
    }

    private static String required(SpecFields item, String key) {
        String value = item.string(key);
        if (value == null) {
            throw new InvalidRequestException(item.name(key), "required");
        }
        return value;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
