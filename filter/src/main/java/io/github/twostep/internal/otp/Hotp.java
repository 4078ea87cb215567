package io.github.twostep.internal.otp;

import io.github.twostep.config.Algorithm;
import java.util.Objects;

/**
 * HOTP (RFC 4226) for one secret: the secret is decoded and its HMAC pads computed once, so
 * every code after that costs one HMAC and no allocation. Create one per secret and reuse it;
 * safe to share between threads (evaluations are serialised on a private lock).
 */
public final class Hotp {
    static final long NOT_FOUND = Long.MIN_VALUE;
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
        1_000_000_000L, 10_000_000_000L
    };

    private final Algorithm algorithm;
    private final int digits;
    private final long modulus;
    private final Object lock = new Object();
    private final Hmac hmac;

    /**
     * @param digits code length, 4 to 10
     * @throws IllegalArgumentException if digits is out of range
     */
    public Hotp(OtpSecret secret, Algorithm algorithm, int digits) {
        Objects.requireNonNull(secret, "secret");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.digits = checkDigits(digits);
        this.modulus = POWERS_OF_TEN[digits];
        this.hmac = new Hmac(algorithm, secret.rawBytes());
    }

    /** The code for a counter (for TOTP: a time step), zero-padded to {@link #digits()}. */
    public String generate(long counter) {
        long value = value(counter);
        StringBuilder code = new StringBuilder(digits).append(value);
        while (code.length() < digits) {
            code.insert(0, '0');
        }
        return code.toString();
    }

    /** The HMAC algorithm. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** Code length in digits. */
    public int digits() {
        return digits;
    }

    /** The numeric code for a counter. */
    long value(long counter) {
        synchronized (lock) {
            return hmac.truncated(counter) % modulus;
        }
    }

    /**
     * Searches {@code centre}, {@code centre+1}, {@code centre-1}, … up to {@code steps} each side
     * for a counter whose code is {@code submitted}, skipping counters at or below
     * {@code afterCounter} without evaluating them.
     *
     * <p>Codes are compared as numbers, which takes the same time however many digits agree.
     * The search stops at the first match: a rejected code therefore always costs every
     * eligible counter, and the time of an accepted one tells only which counter matched,
     * which the caller is told anyway.
     *
     * @return the matching counter, or {@link #NOT_FOUND}
     */
    long find(long submitted, long centre, int steps, long afterCounter) {
        synchronized (lock) {
            for (int i = 0; i <= 2 * steps; i++) {
                long offset = (i + 1) >> 1;
                long counter = (i & 1) == 1 ? centre + offset : centre - offset;
                if (counter > afterCounter
                        && hmac.truncated(counter) % modulus == submitted) {
                    return counter;
                }
            }
            return NOT_FOUND;
        }
    }

    static int checkDigits(int digits) {
        if (digits < 4 || digits > 10) {
            throw new IllegalArgumentException("digits must be 4 to 10, was " + digits);
        }
        return digits;
    }

    @Override
    public String toString() {
        return "Hotp[" + algorithm + ", " + digits + " digits, secret hidden]";
    }
}
