package io.github.twostep.config;

/**
 * One-time backup codes ({@code backupCodes}).
 *
 * @param count  codes per set, 1–100
 * @param length characters per code, 3–20
 */
public record BackupCodeSettings(int count, int length) {
}
