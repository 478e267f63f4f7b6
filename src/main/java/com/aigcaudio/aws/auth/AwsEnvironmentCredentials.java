package com.aigcaudio.aws.auth;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The execution role's credentials, which Lambda puts in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN. Read on every call: after a SnapStart restore the environment holds fresh ones.
 */
public final class AwsEnvironmentCredentials implements Supplier<AwsCredentials> {
    private final UnaryOperator<String> lookup;

    public AwsEnvironmentCredentials(UnaryOperator<String> lookup) {
        this.lookup = lookup;
    }

    @Override
    public AwsCredentials get() {
        String id = lookup.apply("AWS_ACCESS_KEY_ID");
        String secret = lookup.apply("AWS_SECRET_ACCESS_KEY");
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalStateException("no AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set "
                    + "(Lambda sets them from the function's execution role)");
        }
        return new AwsCredentials(id.trim(), secret.trim(), lookup.apply("AWS_SESSION_TOKEN"));
    }
}
