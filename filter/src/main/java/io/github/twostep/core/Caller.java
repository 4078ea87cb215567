package io.github.twostep.core;

/** Where a request came from, for the audit trail: remote address and User-Agent (either may be empty). */
public record Caller(String remoteAddr, String userAgent) {
    /** A caller with nothing known, for calls made by the application itself. */
    public static final Caller APPLICATION = new Caller("", "");

    public Caller {
        remoteAddr = remoteAddr == null ? "" : remoteAddr;
        userAgent = userAgent == null ? "" : userAgent;
    }
}
