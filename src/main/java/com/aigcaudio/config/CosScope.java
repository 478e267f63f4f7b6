package com.aigcaudio.config;

import com.aigcaudio.core.ConfigurationException;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which COS objects the function acts on: optional bucket, prefix and suffix filters, minus the output location
 * (bucket and prefix) where results are written, which is always excluded so that results never trigger new tasks.
 */
public final class CosScope {
    private final List<String> buckets;
    private final List<String> prefixes;
    private final List<String> suffixes;
    private final String outputBucket;
    private final String outputPrefix;
    private final String resultBucket;
    private final String resultPrefix;

    /** The input filters, minus the MPS output location (a null bucket: the prefix in any bucket). */
    public CosScope(List<String> buckets, List<String> prefixes, List<String> suffixes, String outputBucket,
                    String outputPrefix) {
        this.buckets = List.copyOf(buckets);
        this.prefixes = List.copyOf(prefixes);
        this.suffixes = lower(suffixes);
        this.outputBucket = outputBucket;
        this.outputPrefix = outputPrefix == null ? "" : stripLeadingSlash(outputPrefix);
        this.resultBucket = null;
        this.resultPrefix = "";
    }

    private CosScope(CosScope scope, String resultBucket, String resultPrefix) {
        this.buckets = scope.buckets;
        this.prefixes = scope.prefixes;
        this.suffixes = scope.suffixes;
        this.outputBucket = scope.outputBucket;
        this.outputPrefix = scope.outputPrefix;
        this.resultBucket = resultBucket;
        this.resultPrefix = resultPrefix == null ? "" : stripLeadingSlash(resultPrefix);
    }

    /** The same scope, minus where the tracker copies soundtracks ({@code resultBucket} null: not to COS). */
    public CosScope excludingResults(String resultBucket, String resultPrefix) {
        return new CosScope(this, resultBucket, resultPrefix);
    }

    /**
     * Reads AIGC_COS_BUCKETS, AIGC_COS_PREFIXES, AIGC_COS_SUFFIXES and AIGC_COS_OUTPUT_PREFIX, with the MPS output
     * bucket and path; rejects an output location that the input filters would accept.
     */
    public static CosScope from(Settings s, String mpsOutputBucket, String mpsOutputPath, TrackingConfig tracking) {
        String outputPrefix = s.string("AIGC_COS_OUTPUT_PREFIX", mpsOutputPath);
        CosScope scope = new CosScope(s.list("AIGC_COS_BUCKETS"), s.list("AIGC_COS_PREFIXES"),
                s.list("AIGC_COS_SUFFIXES"), mpsOutputBucket, outputPrefix)
                .excludingResults(tracking.resultBucket(), tracking.resultPrefix());
        // Only a location the deployer chose is refused at start: the default (the state bucket) cannot be checked
        // against a trigger the function does not see, and uploads under it are skipped at run time either way.
        if (tracking.resultsChosen() && tracking.resultBucket() != null
                && scope.overlapsInput(tracking.resultBucket(), scope.resultPrefix)) {
            throw new ConfigurationException("AIGC_RESULTS", "the result location " + tracking.resultBucket() + "/"
                    + scope.resultPrefix + " falls inside the COS input filters (AIGC_COS_BUCKETS, AIGC_COS_PREFIXES, "
                    + "AIGC_COS_SUFFIXES), so every delivered soundtrack would trigger a new task; deliver to another "
                    + "bucket or to a prefix outside the filters");
        }
        if (mpsOutputBucket != null && scope.overlapsInput(mpsOutputBucket, scope.outputPrefix)) {
            throw new ConfigurationException(s.string("AIGC_COS_OUTPUT_PREFIX") != null ? "AIGC_COS_OUTPUT_PREFIX"
                    : "AIGC_MPS_OUTPUT",
                    "the output location " + mpsOutputBucket + "/" + scope.outputPrefix + " falls inside the COS input "
                            + "filters (AIGC_COS_BUCKETS, AIGC_COS_PREFIXES, AIGC_COS_SUFFIXES), so every result would "
                            + "trigger a new task; write results to another bucket or to a prefix outside the filters");
        }
        return scope;
    }

    /** Could an audio file written under {@code prefix} in {@code bucket} pass the input filters? */
    private boolean overlapsInput(String bucket, String prefix) {
        if (!buckets.isEmpty() && !buckets.contains(bucket)) {
            return false;
        }
        boolean prefixOverlaps = prefixes.isEmpty() || prefixes.stream().anyMatch(
                p -> prefix.startsWith(stripLeadingSlash(p)) || stripLeadingSlash(p).startsWith(prefix));
        boolean suffixOverlaps = suffixes.isEmpty() || suffixes.stream().anyMatch(x -> x.endsWith(".mp3")
                || x.endsWith(".wav") || x.equals("mp3") || x.equals("wav"));
        return prefixOverlaps && suffixOverlaps;
    }

    /** Why an object is out of scope, or null when the function should act on it. */
    public String exclusionReason(String bucket, String key) {
        if (resultBucket != null && resultBucket.equals(bucket) && key.startsWith(resultPrefix)) {
            return "object is in the result location " + resultBucket + "/" + resultPrefix + " (recursion guard)";
        }
        if (outputBucket != null && outputBucket.equals(bucket) && key.startsWith(outputPrefix)) {
            return "object is in the output location " + outputBucket + "/" + outputPrefix + " (recursion guard)";
        }
        if (outputBucket == null && !outputPrefix.isEmpty() && key.startsWith(outputPrefix)) {
            return "object is under the output prefix " + outputPrefix + " (recursion guard)";
        }
        if (!buckets.isEmpty() && !buckets.contains(bucket)) {
            return "bucket " + bucket + " is not in AIGC_COS_BUCKETS";
        }
        if (!prefixes.isEmpty() && prefixes.stream().noneMatch(p -> key.startsWith(stripLeadingSlash(p)))) {
            return "key does not start with any of AIGC_COS_PREFIXES";
        }
        String lowerKey = key.toLowerCase(Locale.ROOT);
        if (!suffixes.isEmpty() && suffixes.stream().noneMatch(lowerKey::endsWith)) {
            return "key does not end with any of AIGC_COS_SUFFIXES";
        }
        return null;
    }

    private static String stripLeadingSlash(String value) {
        return value.startsWith("/") ? value.substring(1) : value;
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableList());
    }
}
