package com.aigcaudio.tencent.aigc;

import com.aigcaudio.core.InvalidRequestException;
import com.aigcaudio.core.JsonWritable;

import java.util.LinkedHashMap;
import java.util.Map;

/** MPS's AigcStoreCosParam: where the result is written in the caller's own COS bucket. */
public final class MpsStoreCosParam implements JsonWritable {
    private final String bucketName;
    private final String bucketRegion;
    private final String bucketPath;

    public MpsStoreCosParam(String bucketName, String bucketRegion, String bucketPath) {
        this.bucketName = bucketName;
        this.bucketRegion = bucketRegion;
        this.bucketPath = bucketPath;
    }

    public String bucketName() {
        return bucketName;
    }

    public String bucketRegion() {
        return bucketRegion;
    }

    public String bucketPath() {
        return bucketPath;
    }

    void validate() {
        if (bucketName == null || bucketName.trim().isEmpty()) {
            throw new InvalidRequestException("StoreCosParam.CosBucketName", "required when StoreCosParam is given");
        }
        if (bucketRegion == null || bucketRegion.trim().isEmpty()) {
            throw new InvalidRequestException("StoreCosParam.CosBucketRegion", "required when StoreCosParam is given");
        }
        Checks.printable("StoreCosParam.CosBucketPath", bucketPath);
    }

    @Override
    public Object toJsonValue() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("CosBucketName", bucketName);
        json.put("CosBucketRegion", bucketRegion);
        json.put("CosBucketPath", bucketPath);
        return json;
    }
}
