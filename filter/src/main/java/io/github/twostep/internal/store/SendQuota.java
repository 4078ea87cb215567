package io.github.twostep.internal.store;

import java.time.Duration;
import java.time.Instant;

/**
 * What the send quota needs to remember: the last send and the sends in the current one-hour
 * window (which starts at the first send after the previous window ended).
 */
public record SendQuota(Instant lastSend, Instant windowStart, int sendsInWindow) {
    /** Length of the quota window. */
    public static final Duration WINDOW = Duration.ofHours(1);
    /** No sends yet. */
    public static final SendQuota NONE = new SendQuota(null, null, 0);

    public SendQuota {
        lastSend = UserRecord.wholeSeconds(lastSend);
        windowStart = UserRecord.wholeSeconds(windowStart);
        if (sendsInWindow < 0) {
            throw new IllegalArgumentException("sendsInWindow must not be negative");
        }
        if ((windowStart == null) != (sendsInWindow == 0)) {
            throw new IllegalArgumentException("a window has a start exactly when it has sends");
        }
    }

    /** Sends that count against the hourly quota at {@code now}. */
    public int sendsAt(Instant now) {
        return windowOpenAt(now) ? sendsInWindow : 0;
    }

    /**
     * How long until another send is allowed at {@code now}: the cooldown of
     * {@code resendSeconds} after the last send, and the hourly quota of {@code maxPerHour};
     * zero when a send is allowed now.
     */
    public Duration waitAt(Instant now, int resendSeconds, int maxPerHour) {
        Duration wait = Duration.ZERO;
        if (lastSend != null) {
            Instant cooled = lastSend.plusSeconds(resendSeconds);
            if (now.isBefore(cooled)) {
                wait = Duration.between(now, cooled);
            }
        }
        if (sendsAt(now) >= maxPerHour) {
            Duration windowLeft = Duration.between(now, windowStart.plus(WINDOW));
            wait = windowLeft.compareTo(wait) > 0 ? windowLeft : wait;
        }
        return wait;
    }

    /** The quota after one more send at {@code now}. */
    public SendQuota afterSend(Instant now) {
        if (windowOpenAt(now)) {
            return new SendQuota(now, windowStart, sendsInWindow + 1);
        }
        return new SendQuota(now, now, 1);
    }

    private boolean windowOpenAt(Instant now) {
        return windowStart != null && now.isBefore(windowStart.plus(WINDOW));
    }
}
