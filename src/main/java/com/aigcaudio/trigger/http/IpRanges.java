package com.aigcaudio.trigger.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Classifies IP literals as a URL fetcher would read them: IPv4 in every inet_aton spelling (127.1, 2130706433,
 * 0x7f.0.0.1, 0177.0.0.1) and IPv6, including IPv4-mapped and NAT64 forms that carry an IPv4 address.
 */
final class IpRanges {
    private IpRanges() {
    }

    /** Why the literal is not a public address, or null when it is one. */
    static String nonPublicReason(String host) {
        if (host.startsWith("[")) {
            return ipv6Reason(host.substring(1, host.length() - 1));
        }
        long v4 = parseIpv4(host);
        return v4 < 0 ? "an address that is not a valid IP" : ipv4Reason(v4);
    }

    /** inet_aton: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x); the last part fills the rest. -1 if
     * invalid. */
    static long parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return -1;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = number(parts[i]);
            if (values[i] < 0) {
                return -1;
            }
        }
        long result = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return -1;
            }
            result |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * (4 - (parts.length - 1)))) {
            return -1;
        }
        return result | last;
    }

    private static long number(String part) {
        try {
            if (part.startsWith("0x") || part.startsWith("0X")) {
                return part.length() > 2 && part.length() <= 10 ? Long.parseLong(part.substring(2), 16) : -1;
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return part.length() <= 12 ? Long.parseLong(part.substring(1), 8) : -1;
            }
            return part.isEmpty() || part.length() > 10 ? -1 : Long.parseLong(part);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String ipv4Reason(long a) {
        int first = (int) (a >>> 24);
        int second = (int) (a >>> 16) & 0xff;
        if (first == 127) {
            return "a loopback address";
        }
        if (first == 169 && second == 254) {
            return "a link-local address (such as the instance metadata service)";
        }
        if (first == 10 || first == 172 && second >= 16 && second <= 31 || first == 192 && second == 168) {
            return "a private-network address";
        }
        if (first == 100 && second >= 64 && second <= 127) {
            return "a shared (carrier-grade NAT) address";
        }
        if (first == 0) {
            return "an unspecified address";
        }
        if (first == 192 && second == 0 && ((a >>> 8) & 0xff) == 0 || first == 198 && (second == 18 || second == 19)
                || first >= 224) {
            return "a reserved or multicast address";
        }
        return null;
    }

    private static String ipv6Reason(String literal) {
        InetAddress address;
        try {
            // A literal (checked by the caller's bracket form) is parsed, never looked up.
            address = literal.matches("[0-9a-fA-F:.%a-zA-Z]+") ? InetAddress.getByName(literal) : null;
        } catch (UnknownHostException e) {
            address = null;
        }
        if (address == null) {
            return "an address that is not a valid IP";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            // ::ffff:a.b.c.d comes back as IPv4.
            return ipv4Reason(toLong(b, 0));
        }
        Inet6Address v6 = (Inet6Address) address;
        if (v6.isLoopbackAddress() || v6.isAnyLocalAddress()) {
            return "a loopback or unspecified address";
        }
        if (v6.isLinkLocalAddress() || v6.isSiteLocalAddress() || (b[0] & 0xfe) == 0xfc) {
            return "a link-local or private-network address";
        }
        if (v6.isMulticastAddress()) {
            return "a reserved or multicast address";
        }
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (
                b[3] & 0xff) == 0x9b;
        return compatible || nat64 ? ipv4Reason(toLong(b, 12)) : null;
    }

    private static long toLong(byte[] b, int from) {
        return ((b[from] & 0xffL) << 24) | ((b[from + 1] & 0xffL) << 16) | ((b[from + 2] & 0xffL) << 8) | (b[from
                + 3] & 0xffL);
    }
}
