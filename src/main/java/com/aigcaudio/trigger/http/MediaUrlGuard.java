package com.aigcaudio.trigger.http;

import com.aigcaudio.core.InvalidRequestException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Refuses caller-supplied media URLs that would make the service fetch from somewhere it should not: anything
 * but http(s), userinfo ({@code https://good@evil/}), localhost, and IP literals in loopback, link-local (the
 * metadata address 169.254.169.254), private, shared or unspecified ranges; optionally only listed host suffixes.
 * Host names are not resolved: the service resolves them itself, later, so a lookup here would prove nothing.
 */
final class MediaUrlGuard {
    private final List<String> allowedSuffixes;

    MediaUrlGuard(List<String> allowedSuffixes) {
        this.allowedSuffixes = allowedSuffixes;
    }

    void check(String field, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidRequestException(field, "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidRequestException(field, "must be an http:// or https:// URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            throw new InvalidRequestException(field, "must not carry a user name or password");
        }
        String rawHost = uri.getHost();
        if (rawHost == null || rawHost.isEmpty()) {
            throw new InvalidRequestException(field, "has no host");
        }
        String lower = rawHost.toLowerCase(Locale.ROOT);
        String host = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local")
                || host.endsWith(".internal")) {
            throw new InvalidRequestException(field, "points at a local host name; use a public URL");
        }
        if (host.startsWith("[") || endsInANumber(host)) {
            String reason = IpRanges.nonPublicReason(host);
            if (reason != null) {
                throw new InvalidRequestException(field, "points at " + reason + "; use a public URL");
            }
        }
        if (!allowedSuffixes.isEmpty() && allowedSuffixes.stream().noneMatch(s -> matchesSuffix(host, s))) {
            throw new InvalidRequestException(field, "host " + host + " is not in AIGC_MEDIA_URL_ALLOWED_HOSTS");
        }
    }

    /** The URL standard's rule: a host whose last label is a number is an IPv4 address, in some spelling. */
    private static boolean endsInANumber(String host) {
        String last = host.substring(host.lastIndexOf('.') + 1);
        return last.matches("[0-9]+|0x[0-9a-f]*");
    }

    private static boolean matchesSuffix(String host, String suffix) {
        String bare = suffix.startsWith(".") ? suffix.substring(1) : suffix;
        return host.equals(bare) || host.endsWith("." + bare);
    }
}
