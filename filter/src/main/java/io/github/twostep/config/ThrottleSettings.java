package io.github.twostep.config;

/**
 * Password throttling per name ({@code login.throttle}): after {@code freeAttempts}
 * consecutive wrong passwords for one name, every attempt for it waits a delay that doubles
 * from one second up to {@code maxDelayMinutes}; a right password resets it.
 *
 * @param freeAttempts    consecutive wrong passwords before the first delay
 * @param maxDelayMinutes the longest delay; 0 turns throttling off
 */
public record ThrottleSettings(int freeAttempts, int maxDelayMinutes) {
    /** The contract's defaults: 5 free attempts, delays up to 15 minutes. */
    public static final ThrottleSettings DEFAULTS = new ThrottleSettings(5, 15);

    /** Whether names are throttled at all. */
    public boolean enabled() {
        return maxDelayMinutes > 0;
    }
}
