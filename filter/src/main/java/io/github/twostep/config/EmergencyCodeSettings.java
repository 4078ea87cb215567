package io.github.twostep.config;

/**
 * Codes an administrator creates for a locked-out user, and operator codes for
 * {@code verify.dial} ({@code emergencyCode}).
 *
 * @param length  characters per code, 4–12
 * @param minutes how long a code stays valid, 1–60
 */
public record EmergencyCodeSettings(int length, int minutes) {
}
