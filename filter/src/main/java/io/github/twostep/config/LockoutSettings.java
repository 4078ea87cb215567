package io.github.twostep.config;

/**
 * Locking the second factor after wrong codes ({@code lockout}).
 *
 * @param maxFailedAttempts wrong codes in a row that lock, 1–100
 * @param minutes           how long the lock lasts, 1–10080
 */
public record LockoutSettings(int maxFailedAttempts, int minutes) {
}
