package io.github.twostep.internal.otp;

/**
 * A code accepted by {@link Totp#verify}: the time step it belongs to and how far that step is
 * from the current one (negative: the code was older, positive: the device clock runs ahead).
 * Store {@code step} as the last accepted step to refuse the code a second time.
 *
 * @param step the matched time step (seconds since the epoch divided by the period)
 * @param offset {@code step} minus the current step
 */
public record TotpMatch(long step, int offset) {
}
