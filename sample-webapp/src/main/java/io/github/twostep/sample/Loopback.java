package io.github.twostep.sample;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether a request's remote address is this machine (127.0.0.0/8, ::1). Names are never looked up. */
final class Loopback {
    private Loopback() {
    }

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
}
