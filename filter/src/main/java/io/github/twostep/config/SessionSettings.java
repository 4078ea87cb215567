package io.github.twostep.config;

/**
 * Session handling ({@code session}).
 *
 * @param recheckSeconds how often a verified session re-reads the user's record (to notice a
 *                       reset or a revoked device), 1–3600
 */
public record SessionSettings(int recheckSeconds) {
}
