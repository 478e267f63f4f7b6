package com.aigcaudio.testing;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Recomputes a COS XML request signature (q-sign-algorithm=sha1) from the documented algorithm, sharing no code with
 * the signer under test, and reports what is wrong.
 */
public final class IndependentCosVerifier {
    private final String secretId;
    private final String secretKey;

    public IndependentCosVerifier(String secretId, String secretKey) {
        this.secretId = secretId;
        this.secretKey = secretKey;
    }

    /** @return null when the signature is valid now, otherwise the problem */
    public String problem(String method, String path, UnaryOperator<String> header, long nowSeconds) {
        return problem(method, path, Map.of(), header, nowSeconds);
    }

    /** @param params the request's query parameters, decoded */
    public String problem(String method, String path, Map<String, String> params, UnaryOperator<String> header,
                          long nowSeconds) {
        String authorization = header.apply("Authorization");
        if (authorization == null) {
            return "no Authorization";
        }
        Map<String, String> q = new HashMap<>();
        for (String part : authorization.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                q.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        if (!"sha1".equals(q.get("q-sign-algorithm")) || !secretId.equals(q.get("q-ak"))) {
            return "wrong algorithm or SecretId";
        }
        String keyTime = q.get("q-key-time");
        String[] window = keyTime.split(";");
        if (nowSeconds < Long.parseLong(window[0]) || nowSeconds > Long.parseLong(window[1])) {
            return "signature not valid now";
        }
        TreeMap<String, String> headers = new TreeMap<>();
        String list = q.get("q-header-list");
        if (!list.contains("host")) {
            return "host is not signed";
        }
        for (String name : list.split(";")) {
            String value = header.apply(name);
            if (value == null) {
                return "signed header " + name + " missing";
            }
            headers.put(name, encode(value));
        }
        StringBuilder httpHeaders = new StringBuilder();
        headers.forEach((k, v) -> httpHeaders.append(httpHeaders.length() == 0 ? "" : "&").append(k).append('=')
                .append(v));
        TreeMap<String, String> signedParams = new TreeMap<>();
        String paramList = q.get("q-url-param-list");
        if (paramList != null && !paramList.isEmpty()) {
            for (String name : paramList.split(";")) {
                String value = params.get(name);
                if (value == null) {
                    return "signed parameter " + name + " missing";
                }
                signedParams.put(name, encode(value));
            }
        }
        for (String name : params.keySet()) {
            if (!signedParams.containsKey(name.toLowerCase())) {
                return "parameter " + name + " is not signed";
            }
        }
        StringBuilder httpParams = new StringBuilder();
        signedParams.forEach((k, v) -> httpParams.append(httpParams.length() == 0 ? "" : "&").append(k).append('=')
                .append(v));
        String httpString = method.toLowerCase() + "\n" + path + "\n" + httpParams + "\n" + httpHeaders + "\n";
        String stringToSign = "sha1\n" + keyTime + "\n" + hex(sha1(httpString)) + "\n";
        String signKey = hex(hmacSha1(secretKey, keyTime));
        String expected = hex(hmacSha1(signKey, stringToSign));
        return expected.equals(q.get("q-signature")) ? null : "signature mismatch";
    }

    /**
     * Checks a presigned URL: the q-* query parameters sign a GET of the decoded path with the listed headers
     * (host at least, taken from the URL) and listed parameters. @return null when valid now, otherwise the problem
     */
    public String presignedUrlProblem(String url, long nowSeconds) {
        URI uri = URI.create(url);
        if (!"https".equals(uri.getScheme())) {
            return "not https";
        }
        Map<String, String> query = new HashMap<>();
        for (String part : uri.getRawQuery().split("&")) {
            int eq = part.indexOf('=');
            query.put(decode(part.substring(0, eq)), decode(part.substring(eq + 1)));
        }
        StringBuilder authorization = new StringBuilder();
        for (String name : new String[] {"q-sign-algorithm", "q-ak", "q-sign-time", "q-key-time", "q-header-list",
                "q-url-param-list", "q-signature"}) {
            if (!query.containsKey(name)) {
                return "missing " + name;
            }
            authorization.append(authorization.length() == 0 ? "" : "&").append(name).append('=').append(query.get(
                    name));
        }
        String paramList = query.get("q-url-param-list");
        if (!paramList.isEmpty()) {
            return "this verifier expects no signed URL parameters, got " + paramList;
        }
        // The path signed is the stored key: what the percent-encoded URL path decodes to.
        String path = decode(uri.getRawPath().replace("+", "%2B"));
        Map<String, String> headers = Map.of("authorization", authorization.toString(), "host", uri.getRawAuthority());
        return problem("GET", path, name -> headers.get(name.toLowerCase()), nowSeconds);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static byte[] sha1(String s) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmacSha1(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return String.format("%0" + (bytes.length * 2) + "x", new BigInteger(1, bytes));
    }
}
