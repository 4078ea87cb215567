package io.github.twostep.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes as applications store them: bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$})
 * and Argon2id in the PHC string format ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}),
 * both computed by Bouncy Castle. New hashes are Argon2id with the OWASP-recommended minimum
 * (19 MiB, 2 iterations, 1 lane) unless bcrypt is asked for.
 *
 * <p>{@link #matchesDummy(char[])} spends the time of a real check against a hash no password
 * matches, so a sign-in for an unknown user takes as long as one with a wrong password.
 */
public final class PasswordHashes {
    static final int ARGON2_MEMORY_KIB = 19 * 1024;
    static final int ARGON2_ITERATIONS = 2;
    static final int ARGON2_PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int ARGON2_HASH_BYTES = 32;
    private static final Pattern ARGON2ID = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String DUMMY = argon2id("no password matches this".toCharArray());
    private static final Map<String, String> DUMMIES = new ConcurrentHashMap<>();

    private PasswordHashes() {
    }

    /** A new Argon2id hash of {@code password} with a random salt, in PHC string form. */
    public static String argon2id(char[] password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = randomSalt();
        byte[] hash = argon2(password, salt, ARGON2_MEMORY_KIB, ARGON2_ITERATIONS, ARGON2_PARALLELISM,
                ARGON2_HASH_BYTES);
        return "$argon2id$v=19$m=" + ARGON2_MEMORY_KIB + ",t=" + ARGON2_ITERATIONS + ",p=" + ARGON2_PARALLELISM
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** A new bcrypt ({@code $2b$}) hash of {@code password} at the given cost (4–31). */
    public static String bcrypt(char[] password, int cost) {
        Objects.requireNonNull(password, "password");
        return OpenBSDBCrypt.generate("2b", password, randomSalt(), cost);
    }

    /**
     * Whether {@code password} matches {@code storedHash}, in time independent of where they
     * differ. A hash of an unknown or malformed form never matches.
     */
    public static boolean matches(String storedHash, char[] password) {
        if (storedHash == null || password == null) {
            return false;
        }
        if (storedHash.startsWith("$2a$") || storedHash.startsWith("$2b$") || storedHash.startsWith("$2y$")) {
            try {
                return OpenBSDBCrypt.checkPassword(storedHash, password);
            } catch (IllegalArgumentException | DataLengthException malformed) {
                return false;
            }
        }
        Matcher argon = ARGON2ID.matcher(storedHash);
        if (argon.matches()) {
            return matchesArgon2id(argon, password);
        }
        return false;
    }

    /** Checks {@code password} against a hash nothing matches; always false, as slow as a real check. */
    public static boolean matchesDummy(char[] password) {
        return matchesDummy(password, null);
    }

    /**
     * Like {@link #matchesDummy(char[])}, but with the scheme and cost of {@code like} (a real
     * stored hash, e.g. the last one read), so an unknown user costs what a known one does even
     * when the table's hashes are slower or faster than the default Argon2id.
     */
    public static boolean matchesDummy(char[] password, String like) {
        matches(dummyLike(like), password == null ? new char[0] : password);
        return false;
    }

    private static String dummyLike(String like) {
        if (like == null) {
            return DUMMY;
        }
        Matcher argon = ARGON2ID.matcher(like);
        String shape = like.startsWith("$2") && like.length() > 7 ? like.substring(0, 7)
                : argon.matches() ? "argon2id:" + argon.group(1) + "," + argon.group(2) + "," + argon.group(3) : null;
        if (shape == null) {
            return DUMMY;
        }
        return DUMMIES.computeIfAbsent(shape, key -> makeDummy(like, argon));
    }

    private static String makeDummy(String like, Matcher argon) {
        char[] nothing = "no password matches this".toCharArray();
        if (like.startsWith("$2")) {
            try {
                return OpenBSDBCrypt.generate(like.substring(1, 3), nothing, randomSalt(),
                        Integer.parseInt(like.substring(4, 6)));
            } catch (RuntimeException malformed) {
                return DUMMY;
            }
        }
        int memory = Integer.parseInt(argon.group(1));
        int iterations = Integer.parseInt(argon.group(2));
        int parallelism = Integer.parseInt(argon.group(3));
        if (memory < 8 * parallelism || memory > 4 * 1024 * 1024) {
            return DUMMY;
        }
        byte[] salt = randomSalt();
        byte[] hash = argon2(nothing, salt, memory, iterations, parallelism, ARGON2_HASH_BYTES);
        return "$argon2id$v=19$m=" + memory + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    private static boolean matchesArgon2id(Matcher argon, char[] password) {
        int memory = Integer.parseInt(argon.group(1));
        int iterations = Integer.parseInt(argon.group(2));
        int parallelism = Integer.parseInt(argon.group(3));
        if (memory < 8 * parallelism || memory > 4 * 1024 * 1024 || iterations < 1 || parallelism < 1) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = Base64.getDecoder().decode(argon.group(4));
            expected = Base64.getDecoder().decode(argon.group(5));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (salt.length < 8 || expected.length < 16 || expected.length > 64) {
            return false;
        }
        byte[] actual = argon2(password, salt, memory, iterations, parallelism, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] argon2(char[] password, byte[] salt, int memoryKib, int iterations, int parallelism,
            int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        byte[] utf8 = new String(password).getBytes(StandardCharsets.UTF_8);
        generator.generateBytes(utf8, out);
        java.util.Arrays.fill(utf8, (byte) 0);
        return out;
    }

    private static byte[] randomSalt() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return salt;
    }
}
