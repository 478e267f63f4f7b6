package bench;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.CommonRequest;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hand-written equivalent of the function on the official SDK: read a COS event, turn its first record into a
 * VOD CreateAigcAudioTask with the same parameters, call it once, print the answer. Environment:
 * BENCH_ENDPOINT (host:port), TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY.
 */
public final class SdkBaseline {
    public static void main(String[] args) throws Exception {
        Gson gson = new Gson();
        JsonObject event = gson.fromJson(Files.readString(Path.of(args[0])), JsonObject.class);
        JsonObject object = event.getAsJsonArray("Records").get(0).getAsJsonObject()
                .getAsJsonObject("cos").getAsJsonObject("cosObject");
        String key = object.get("key").getAsString();
        JsonObject body = new JsonObject();
        body.addProperty("ModelName", "MiniMaxMusic");
        body.addProperty("SceneType", "music");
        body.addProperty("Prompt", "Soundtrack for " + key.substring(key.lastIndexOf('/') + 1));
        JsonObject video = new JsonObject();
        video.addProperty("Type", "Url");
        video.addProperty("Url", object.get("url").getAsString());
        JsonArray videos = new JsonArray();
        videos.add(video);
        body.add("VideoInfos", videos);

        HttpProfile http = new HttpProfile();
        http.setEndpoint(System.getenv("BENCH_ENDPOINT"));
        http.setConnTimeout(3);
        http.setReadTimeout(10);
        ClientProfile profile = new ClientProfile();
        profile.setHttpProfile(http);
        CommonClient client = new CommonClient("vod", "2018-07-17", new Credential(
                System.getenv("TENCENTCLOUD_SECRET_ID"), System.getenv("TENCENTCLOUD_SECRET_KEY")), "", profile);
        System.out.println(client.commonRequest(new CommonRequest(gson.toJson(body)), "CreateAigcAudioTask"));
    }
}
