package io.github.twostep;

import java.util.Locale;

/**
 * Where a request came from: remote address and User-Agent for the audit trail (either may be
 * empty), and the browser's preferred language (null when it sent none), in which security
 * notices caused by the request are written and which a proved code remembers for the user.
 */
public record Caller(String remoteAddr, String userAgent, Locale locale) {
    /** A caller with nothing known, for calls made by the application itself. */
    public static final Caller APPLICATION = new Caller("", "");

    public Caller {
        remoteAddr = remoteAddr == null ? "" : remoteAddr;
        userAgent = userAgent == null ? "" : userAgent;
    }

    /** A caller whose language is not known. */
    public Caller(String remoteAddr, String userAgent) {
        this(remoteAddr, userAgent, null);
    }
}
