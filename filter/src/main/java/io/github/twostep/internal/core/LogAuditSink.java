package io.github.twostep.internal.core;

import io.github.twostep.audit.AuditEvent;
import io.github.twostep.audit.AuditSink;
import io.github.twostep.internal.logging.Log;

/**
 * Writes each event as one log line on the {@code io.github.twostep.audit} logger. Values
 * that come from the request (user name, user agent) are quoted with control characters
 * escaped, so a crafted header cannot forge a second log line.
 */
public final class LogAuditSink implements AuditSink {
    private static final Log AUDIT = Log.named("io.github.twostep.audit");

    @Override
    public void record(AuditEvent event) {
        AUDIT.info("event={} outcome={} user={} remoteAddr={} userAgent={} detail={} time={}",
                event.event().wireName(), event.outcome().wireName(), quote(event.user()),
                quote(event.remoteAddr()), quote(event.userAgent()), quote(event.detail()), event.time());
    }

    static String quote(String value) {
        if (value == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
