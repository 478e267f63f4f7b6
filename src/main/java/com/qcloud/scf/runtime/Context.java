package com.qcloud.scf.runtime;

/**
 * The SCF Java runtime's invocation context, vendored from com.tencentcloudapi:scf-java-events:0.0.4 (Apache License
 * 2.0).
 * The runtime supplies the implementation; vendoring the three-method interface avoids that artifact's 16 MB of
 * transitive dependencies, a fastjson with known vulnerabilities among them. It has no remaining-time method: callers
 * derive the deadline from the time limit.
 */
public interface Context {
    String getRequestId();

    int getTimeLimitInMs();

    int getMemoryLimitInMb();
}
