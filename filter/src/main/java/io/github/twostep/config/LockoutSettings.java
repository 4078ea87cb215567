package io.github.twostep.config;

/**
 * Locking the second factor after wrong codes ({@code lockout}). Failures count on across lock
 * periods until a success, an unlock or a reset; every {@code maxFailedAttempts}-th locks, each
 * lock twice as long as the one before (at most 24 hours).
 *
 * @param maxFailedAttempts      wrong codes that lock, 1–100
 * @param minutes                how long the first lock lasts, 1–10080
 * @param maxConsecutiveFailures wrong codes in a row after which the factor stays locked until an
 *                               administrator unlocks it, 1–100
 */
public record LockoutSettings(int maxFailedAttempts, int minutes, int maxConsecutiveFailures) {

    /** The lockout with the default hard cap of 100 consecutive failures. */
    public LockoutSettings(int maxFailedAttempts, int minutes) {
        this(maxFailedAttempts, minutes, 100);
    }
}
