package com.aigcaudio.plan;

import com.aigcaudio.aws.auth.AwsCredentials;
import com.aigcaudio.aws.signing.S3Presigner;
import com.aigcaudio.config.MediaUrlSettings;
import com.aigcaudio.core.InvalidRequestException;
import com.aigcaudio.core.UploadedObject;
import com.aigcaudio.tencent.auth.CredentialsProvider;
import com.aigcaudio.tencent.signing.CosPresigner;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The URL the service fetches a COS object from. VOD and MPS read input URLs from the internet, and buckets are
 * private by default, so the default is a presigned GET URL made with the function's own (role) credentials: COS's
 * signature for COS objects, SigV4 for S3 objects.
 */
public final class MediaUrls {
    /** Signing a little in the past absorbs clock skew between this instance and COS. */
    private static final long BACKDATE_SECONDS = 60;

    private final MediaUrlSettings settings;
    private final CredentialsProvider credentials;
    private final Supplier<AwsCredentials> awsCredentials;
    private final Clock clock;

    /** @param credentials sign COS URLs; {@code awsCredentials} (the Lambda role's) sign S3 URLs */
    public MediaUrls(MediaUrlSettings settings, CredentialsProvider credentials,
            Supplier<AwsCredentials> awsCredentials,
                     Clock clock) {
        this.settings = settings;
        this.credentials = credentials;
        this.awsCredentials = awsCredentials;
        this.clock = clock;
    }

    public String forObject(UploadedObject object) {
        if (settings.mode() == MediaUrlSettings.Mode.OBJECT) {
            return object.url();
        }
        String region = object.region();
        if (region == null || !region.matches("[a-z0-9-]+")) {
            throw new InvalidRequestException(object.storage() == UploadedObject.Storage.S3 ? "awsRegion"
                    : "cos.cosBucket.cosRegion", "a presigned media URL needs the bucket's region, and the event has "
                    + (region == null ? "none" : "an invalid one")
                            + " (or set AIGC_MEDIA_URL=object for public buckets)");
        }
        if (object.storage() == UploadedObject.Storage.S3) {
            AwsCredentials aws;
            try {
                aws = awsCredentials.get();
            } catch (IllegalStateException e) {
                throw new InvalidRequestException("awsRegion", e.getMessage()
                        + "; a presigned S3 URL needs them (or set AIGC_MEDIA_URL=object for public buckets)");
            }
            return S3Presigner.presignGet(S3Presigner.bucketUrl(object.bucket(), region), region, object.key(),
                    aws, clock.instant().minusSeconds(BACKDATE_SECONDS),
                    settings.lifetime().plusSeconds(BACKDATE_SECONDS)).toString();
        }
        long now = clock.instant().getEpochSecond();
        return CosPresigner.presignGet(object.bucket(), region, object.key(), credentials.credentials(),
                now - BACKDATE_SECONDS, settings.lifetime().getSeconds() + BACKDATE_SECONDS).toString();
    }
}
