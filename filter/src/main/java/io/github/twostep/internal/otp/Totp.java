package io.github.twostep.internal.otp;

import io.github.twostep.config.Algorithm;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * TOTP (RFC 6238) policy: algorithm, code length, period and the accepted window, with time
 * from an injected {@link Clock}. Immutable and thread-safe; build one from the settings and
 * verify codes against per-secret {@link Hotp} keys from {@link #key(OtpSecret)}.
 *
 * <p>The window is searched centre-out (t, t+1, t−1, t+2, t−2, …) with
 * k = ⌊windowSeconds ÷ (2 × period)⌋ steps each side; 180 s at 30 s gives k = 3.
 */
public final class Totp {
    private final Algorithm algorithm;
    private final int digits;
    private final long periodMillis;
    private final int stepsEachSide;
    private final Clock clock;

    /**
     * @param digits code length, 4 to 10
     * @param periodSeconds length of one time step, at least 1
     * @param windowSeconds total span of accepted codes around now, 0 or more
     * @throws IllegalArgumentException if a number is out of range
     */
    public Totp(Algorithm algorithm, int digits, int periodSeconds, int windowSeconds, Clock clock) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.digits = Hotp.checkDigits(digits);
        if (periodSeconds < 1) {
            throw new IllegalArgumentException("periodSeconds must be at least 1, was " + periodSeconds);
        }
        if (windowSeconds < 0) {
            throw new IllegalArgumentException("windowSeconds must not be negative, was " + windowSeconds);
        }
        this.periodMillis = periodSeconds * 1000L;
        this.stepsEachSide = windowSeconds / (2 * periodSeconds);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A reusable key for one secret, with this policy's algorithm and code length. */
    public Hotp key(OtpSecret secret) {
        return new Hotp(secret, algorithm, digits);
    }

    /** The time step the clock is in now. */
    public long currentStep() {
        return Math.floorDiv(clock.millis(), periodMillis);
    }

    /** The time step an instant falls in. */
    public long stepAt(Instant instant) {
        return Math.floorDiv(instant.toEpochMilli(), periodMillis);
    }

    /** How many steps either side of the current one are accepted (k). */
    public int stepsEachSide() {
        return stepsEachSide;
    }

    /** The code an authenticator app shows now. */
    public String currentCode(Hotp key) {
        return compatible(key).generate(currentStep());
    }

    /** Verifies a code with no earlier accepted step; see {@link #verify(Hotp, String, long)}. */
    public Optional<TotpMatch> verify(Hotp key, String code) {
        return verify(key, code, Long.MIN_VALUE);
    }

    /**
     * Verifies a submitted code against the window around the current step.
     *
     * <p>Spaces and dashes in the code are ignored. Anything else that is not exactly
     * {@code digits} ASCII digits (null, empty, letters, too short or long) is simply not a match;
     * nothing is thrown, so the code cannot leak through an exception.
     *
     * @param afterStep the last step already accepted for this secret; that step and older ones
     *     are refused without being evaluated (replay protection). {@link Long#MIN_VALUE} for none.
     * @return the matched step, or empty
     */
    public Optional<TotpMatch> verify(Hotp key, String code, long afterStep) {
        compatible(key);
        long submitted = SubmittedCode.parse(code, digits);
        if (submitted < 0) {
            return Optional.empty();
        }
        long current = currentStep();
        long step = key.find(submitted, current, stepsEachSide, afterStep);
        if (step == Hotp.NOT_FOUND) {
            return Optional.empty();
        }
        return Optional.of(new TotpMatch(step, (int) (step - current)));
    }

    private Hotp compatible(Hotp key) {
        Objects.requireNonNull(key, "key");
        if (key.algorithm() != algorithm || key.digits() != digits) {
            throw new IllegalArgumentException("key was made for another algorithm or code length");
        }
        return key;
    }

    @Override
    public String toString() {
        return "Totp[" + algorithm + ", " + digits + " digits, " + periodMillis / 1000
                + " s period, ±" + stepsEachSide + " steps]";
    }
}
