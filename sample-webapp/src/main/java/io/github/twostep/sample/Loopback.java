package io.github.twostep.sample;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Whether a request comes from this machine and is addressed to it: a loopback remote address
 * (127.0.0.0/8, ::1) and a loopback {@code Host} header ({@code localhost} or a loopback
 * address, with or without a port). Names other than {@code localhost} are never looked up.
 */
final class Loopback {
    private Loopback() {
    }

    /** Whether {@code address}, an IP address literal, is a loopback address. */
    static boolean is(String address) {
        if (address == null || address.isEmpty()) {
            return false;
        }
        String literal = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        if (!literal.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Whether a {@code Host} header names this machine: {@code localhost} or a loopback address,
     * optionally with a port. A page on another name (DNS rebinding: {@code attacker.example}
     * resolving to 127.0.0.1) sends that name, and is refused.
     */
    static boolean isHost(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return false;
        }
        String host = hostHeader.strip();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0 || !(end == host.length() - 1 || isPort(host.substring(end + 1)))) {
                return false;
            }
            return is(host.substring(0, end + 1));
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            if (!isPort(host.substring(colon))) {
                return false;
            }
            host = host.substring(0, colon);
        }
        return "localhost".equals(host.toLowerCase(Locale.ROOT)) || is(host);
    }

    private static boolean isPort(String colonAndDigits) {
        return colonAndDigits.matches(":[0-9]{1,5}");
    }
}
