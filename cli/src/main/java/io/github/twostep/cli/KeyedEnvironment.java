package io.github.twostep.cli;

import io.github.twostep.TwoStepException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * The environment as the settings see it: {@code TWOSTEP_KEY} is the {@code --key} option,
 * else the process's variable, else the sample's key file {@code <data>/twostep.key} when it
 * exists (it is never created here); every other name comes from the process. The key is
 * never printed.
 */
final class KeyedEnvironment implements Function<String, String> {
    static final String VARIABLE = "TWOSTEP_KEY";
    static final String FILE_NAME = "twostep.key";

    private final String keyOption;
    private final Function<String, String> environment;
    private final Path dataDirectory;

    /**
     * @param keyOption     the {@code --key} value; null when not given
     * @param environment   the process environment
     * @param dataDirectory where the sample keeps its key file
     */
    KeyedEnvironment(String keyOption, Function<String, String> environment, Path dataDirectory) {
        this.keyOption = keyOption;
        this.environment = Objects.requireNonNull(environment, "environment");
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
    }

    @Override
    public String apply(String name) {
        if (!VARIABLE.equals(name)) {
            return environment.apply(name);
        }
        if (keyOption != null) {
            return keyOption.strip();
        }
        String fromEnvironment = environment.apply(VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        return keyFile();
    }

    /** The key in the sample's key file, or null when there is no such file. */
    private String keyFile() {
        Path file = dataDirectory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new TwoStepException("cannot read the data key file " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
