package io.github.twostep.internal.store;

import java.time.Duration;
import java.time.Instant;

/**
 * When wrong second-factor codes lock the factor, and for how long: the one rule for real
 * users' records and for the names password-less sign-in does not know.
 *
 * <p>Failures count consecutively across lock periods until a success, an unlock or a reset.
 * Every {@code maxAttempts}-th failure locks: the first lock lasts {@code firstLockMinutes},
 * each further one twice as long as the one before, at most 24 hours (or the first lock, if that
 * is longer). At {@code maxConsecutiveFailures} the factor stays locked until an administrator
 * unlocks it ({@link #FOR_GOOD}).
 *
 * @param maxAttempts            wrong codes that lock; 0 never locks
 * @param firstLockMinutes       the first lock's length
 * @param maxConsecutiveFailures failures that lock for good; 0 never does
 */
public record LockoutRule(int maxAttempts, int firstLockMinutes, int maxConsecutiveFailures) {
    /** The end of a lock that only an administrator lifts. */
    public static final Instant FOR_GOOD = Instant.parse("9999-12-31T23:59:59Z");
    private static final Duration LONGEST = Duration.ofHours(24);

    public LockoutRule {
        if (maxAttempts < 0 || firstLockMinutes < 0 || maxConsecutiveFailures < 0) {
            throw new IllegalArgumentException("maxAttempts, firstLockMinutes and maxConsecutiveFailures must not be "
                    + "negative");
        }
    }

    /** The end of the lock that the {@code failures}-th consecutive failure at {@code now} starts; null if none. */
    public Instant lockAfter(int failures, Instant now) {
        if (maxConsecutiveFailures > 0 && failures >= maxConsecutiveFailures) {
            return FOR_GOOD;
        }
        if (maxAttempts == 0 || failures % maxAttempts != 0) {
            return null;
        }
        return now.plus(lockLength(failures / maxAttempts));
    }

    /** The length of the {@code n}-th lock (1 = the first). */
    Duration lockLength(int n) {
        Duration first = Duration.ofMinutes(firstLockMinutes);
        Duration cap = first.compareTo(LONGEST) > 0 ? first : LONGEST;
        Duration length = first;
        for (int i = 1; i < n && length.compareTo(cap) < 0; i++) {
            length = length.multipliedBy(2);
        }
        return length.compareTo(cap) > 0 ? cap : length;
    }
}
