package io.github.twostep.internal.otp;

import io.github.twostep.config.CodeAlphabet;
import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Generates one-time codes from a {@link SecureRandom}. Every symbol is drawn with
 * {@link SecureRandom#nextInt(int)}, which rejects out-of-range draws instead of reducing them
 * modulo the alphabet size, so each symbol is exactly equally likely. Codes are returned in
 * canonical form (upper case, no separators): hash that, show {@link CodeFormat#grouped} to people.
 */
public final class RandomCodes {
    /** Longest code this class generates. */
    public static final int MAX_LENGTH = 64;

    private final SecureRandom random;

    public RandomCodes(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * A code of {@code length} symbols from the alphabet.
     *
     * @throws IllegalArgumentException if length is not 1 to {@link #MAX_LENGTH}
     */
    public String generate(CodeAlphabet alphabet, int length) {
        Objects.requireNonNull(alphabet, "alphabet");
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("length must be 1 to " + MAX_LENGTH + ", was " + length);
        }
        String symbols = alphabet.symbols();
        char[] code = new char[length];
        for (int i = 0; i < length; i++) {
            code[i] = symbols.charAt(random.nextInt(symbols.length()));
        }
        return new String(code);
    }

    /** A code sent by email, SMS or call: digits, or letters such as {@code KXRTWM}. */
    public String messageCode(CodeAlphabet alphabet, int length) {
        return generate(alphabet, length);
    }

    /** An emergency code an administrator reads out to a locked-out user: letters. */
    public String emergencyCode(int length) {
        return generate(CodeAlphabet.LETTERS, length);
    }

    /**
     * A fresh set of distinct backup codes of letters, canonical (upper case); show them with
     * {@link CodeFormat#grouped(String)}.
     *
     * @throws IllegalArgumentException if count is not 1–100 or length not 3–20
     */
    public List<String> backupCodes(int count, int length) {
        if (count < 1 || count > 100) {
            throw new IllegalArgumentException("count must be 1 to 100, was " + count);
        }
        if (length < 3 || length > 20) {
            throw new IllegalArgumentException("length must be 3 to 20, was " + length);
        }
        Set<String> codes = new LinkedHashSet<>();
        while (codes.size() < count) {
            codes.add(generate(CodeAlphabet.LETTERS, length));
        }
        return List.copyOf(codes);
    }
}
