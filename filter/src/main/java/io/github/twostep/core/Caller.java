package io.github.twostep.core;

import java.util.Locale;

/**
 * Where a request came from: remote address and User-Agent for the audit trail (either may be
 * empty), and the browser's preferred language, in which security notices caused by the request
 * are written (English when unknown; a language without texts also gets English).
 */
public record Caller(String remoteAddr, String userAgent, Locale locale) {
    /** A caller with nothing known, for calls made by the application itself. */
    public static final Caller APPLICATION = new Caller("", "");

    public Caller {
        remoteAddr = remoteAddr == null ? "" : remoteAddr;
        userAgent = userAgent == null ? "" : userAgent;
        locale = locale == null ? Locale.ENGLISH : locale;
    }

    /** A caller whose language is not known (notices in English). */
    public Caller(String remoteAddr, String userAgent) {
        this(remoteAddr, userAgent, Locale.ENGLISH);
    }
}
