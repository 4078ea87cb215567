package io.github.twostep.config;

/**
 * Trusted devices ({@code trustedDevices}).
 *
 * @param max devices kept per user, 1–100; beyond it the oldest (first trusted) one goes first
 */
public record TrustedDeviceSettings(int max) {
}
