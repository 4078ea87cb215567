package io.github.twostep.sample;

import io.github.twostep.TwoStepException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Function;

/**
 * The data key that encrypts users' authenticator secrets ({@code store.key}, written as
 * <code>${env:TWOSTEP_KEY}</code> in the shipped settings): the environment variable
 * {@code TWOSTEP_KEY} when set, else the key in {@code <data>/twostep.key}, created on first
 * start from 32 {@link SecureRandom} bytes and readable by the owner only where the file system
 * has POSIX permissions. The key itself is never printed.
 *
 * @param value  {@code k1:<base64>}
 * @param origin where it came from, for the start-up line
 */
record SampleKey(String value, String origin) {
    static final String VARIABLE = "TWOSTEP_KEY";
    static final String FILE_NAME = "twostep.key";
    private static final SecureRandom RANDOM = new SecureRandom();

    SampleKey {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }

    /** The key from {@code environment}, else from (or newly into) {@code dataDirectory/twostep.key}. */
    static SampleKey resolve(Function<String, String> environment, Path dataDirectory) {
        String fromEnvironment = environment.apply(VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new SampleKey(fromEnvironment.strip(), "the environment variable " + VARIABLE);
        }
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return new SampleKey(Files.readString(file, StandardCharsets.US_ASCII).strip(), "the key file " + file);
            }
            Files.createDirectories(dataDirectory);
            return new SampleKey(create(file), "the key file " + file + ", created now");
        } catch (IOException e) {
            throw new TwoStepException("cannot read or create the data key file " + file + ": " + e, e);
        }
    }

    /** A new key, {@code k1:} and the Base64 of 32 random bytes. */
    static String newKey() {
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        return "k1:" + Base64.getEncoder().encodeToString(material);
    }

    /** Creates {@code file} with a new key; answers the key in the file (another start may have won the race). */
    private static String create(Path file) throws IOException {
        String key = newKey();
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException noPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        }
        Files.writeString(file, key + "\n", StandardCharsets.US_ASCII);
        return key;
    }

    @Override
    public String toString() {
        return "SampleKey[origin=" + origin + "]";
    }
}
