package com.amazonaws.services.lambda.runtime;

/**
 * The Lambda Java runtime's invocation context, the part of aws-lambda-java-core 1.4.0's interface (Apache License
 * 2.0) that the function calls. The runtime supplies the implementation and its own copy of the interface;
 * vendoring it keeps the deploy jar free of that artifact.
 */
public interface Context {
    String getAwsRequestId();

    String getFunctionName();

    int getRemainingTimeInMillis();

    int getMemoryLimitInMB();
}
