package com.aigcaudio.tencent.auth;

import java.util.function.UnaryOperator;

/**
 * Credentials from the process environment, in this order: the SCF execution role's temporary credentials
 * (TENCENTCLOUD_SECRETID / _SECRETKEY / _SESSIONTOKEN, which the SCF Java runtime documents as system properties,
 * so both system properties and environment variables are read), then the SDK/CLI convention
 * TENCENTCLOUD_SECRET_ID / _SECRET_KEY / TENCENTCLOUD_TOKEN.
 */
public final class EnvironmentCredentials implements CredentialsProvider {
    static final String[] ROLE = {"TENCENTCLOUD_SECRETID", "TENCENTCLOUD_SECRETKEY", "TENCENTCLOUD_SESSIONTOKEN"};
    static final String[] STATIC = {"TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_TOKEN"};

    private final UnaryOperator<String> lookup;

    /** @param lookup variable name → value or null, e.g. {@code Settings.system().lookup()} */
    public EnvironmentCredentials(UnaryOperator<String> lookup) {
        this.lookup = lookup;
    }

    /** The environment's credentials, or null when neither set of variables is complete. */
    public Credentials find() {
        Credentials role = read(ROLE);
        return role != null ? role : read(STATIC);
    }

    @Override
    public Credentials credentials() {
        Credentials found = find();
        if (found == null) {
            throw new MissingCredentialsException("no Tencent Cloud credentials: set TENCENTCLOUD_SECRETID and "
                    + "TENCENTCLOUD_SECRETKEY (SCF sets them, with TENCENTCLOUD_SESSIONTOKEN, when the function has an "
                    + "execution role), or TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (optionally "
                            + "TENCENTCLOUD_TOKEN)");
        }
        return found;
    }

    private Credentials read(String[] names) {
        String id = nonBlank(lookup.apply(names[0]));
        String key = nonBlank(lookup.apply(names[1]));
        if (id == null || key == null) {
            return null;
        }
        return new Credentials(id, key, nonBlank(lookup.apply(names[2])));
    }

    private static String nonBlank(String value) {
        return value == null || value.trim().isEmpty() ? null : value;
    }
}
