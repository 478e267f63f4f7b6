package com.aigcaudio.tencent.auth;

import com.aigcaudio.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentCredentialsTest {
    private final Map<String, String> vars = new HashMap<>();
    private final EnvironmentCredentials provider = new EnvironmentCredentials(vars::get);

    @Test
    void credentials_scfRoleVariables_winOverStaticOnes() {
        vars.put("TENCENTCLOUD_SECRETID", "AKIDrole");
        vars.put("TENCENTCLOUD_SECRETKEY", "role-key");
        vars.put("TENCENTCLOUD_SESSIONTOKEN", "role-token");
        vars.put("TENCENTCLOUD_SECRET_ID", "AKIDstatic");
        vars.put("TENCENTCLOUD_SECRET_KEY", "static-key");

        Credentials c = provider.credentials();

        assertEquals("AKIDrole", c.secretId());
        assertEquals("role-key", c.secretKey());
        assertEquals("role-token", c.sessionToken());
    }

    @Test
    void credentials_onlyStaticVariables_areUsedWithOptionalToken() {
        vars.put("TENCENTCLOUD_SECRET_ID", "AKIDstatic");
        vars.put("TENCENTCLOUD_SECRET_KEY", "static-key");
        assertNull(provider.credentials().sessionToken());
        vars.put("TENCENTCLOUD_TOKEN", "tok");
        assertEquals("tok", provider.credentials().sessionToken());
    }

    @Test
    void credentials_incompleteRoleSet_fallsBackToStatic() {
        vars.put("TENCENTCLOUD_SECRETID", "AKIDrole");
        vars.put("TENCENTCLOUD_SECRET_ID", "AKIDstatic");
        vars.put("TENCENTCLOUD_SECRET_KEY", "static-key");
        assertEquals("AKIDstatic", provider.credentials().secretId());
    }

    @Test
    void credentials_none_failsNamingEveryVariable() {
        MissingCredentialsException e = assertThrows(MissingCredentialsException.class, provider::credentials);
        for (String name : new String[] {"TENCENTCLOUD_SECRETID", "TENCENTCLOUD_SECRETKEY", "TENCENTCLOUD_SECRET_ID",
                "TENCENTCLOUD_SECRET_KEY"}) {
            assertTrue(e.getMessage().contains(name), name);
        }
    }

    @Test
    void credentials_fromSystemSettings_readsScfSystemProperties() {
        String[] names = {"TENCENTCLOUD_SECRETID", "TENCENTCLOUD_SECRETKEY"};
        String[] before = {System.getProperty(names[0]), System.getProperty(names[1])};
        try {
            System.setProperty(names[0], "AKIDfromProperty");
            System.setProperty(names[1], "key-from-property");
            Credentials c = new EnvironmentCredentials(Settings.system().lookup()).credentials();
            assertEquals("AKIDfromProperty", c.secretId());
            assertEquals("key-from-property", c.secretKey());
        } finally {
            for (int i = 0; i < names.length; i++) {
                if (before[i] == null) {
                    System.clearProperty(names[i]);
                } else {
                    System.setProperty(names[i], before[i]);
                }
            }
        }
    }

    @Test
    void toString_hidesKeyAndToken() {
        Credentials c = new Credentials("AKIDabcdefgh12345", "super-secret-key", "session-token-value");
        String text = c.toString();
        assertFalse(text.contains("super-secret-key"));
        assertFalse(text.contains("session-token-value"));
        assertFalse(text.contains("AKIDabcdefgh12345"));
    }
}
