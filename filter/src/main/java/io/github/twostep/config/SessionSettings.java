package io.github.twostep.config;

/**
 * Session handling ({@code session}).
 *
 * @param recheckSeconds how often a verified session re-reads the user's record (to notice a
 *                       reset or a revoked device), 1–3600
 * @param idleMinutes    a signed-in session with no request for this long is ended, 0–1440;
 *                       0 turns the limit off
 * @param absoluteHours  a signed-in session is ended this long after its sign-in (with
 *                       external login: after TwoStep first saw the user in it), 0–720; 0 turns
 *                       the limit off
 */
public record SessionSettings(int recheckSeconds, int idleMinutes, int absoluteHours) {
}
