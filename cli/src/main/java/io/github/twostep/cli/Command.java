package io.github.twostep.cli;

import java.util.Arrays;
import java.util.Optional;

/** The commands of {@code twostep}, with the arguments each one takes. */
enum Command {
    STATUS("status", "USER", 1, 1, "show whether USER has two-factor authentication, its methods, lock and devices"),
    RESET("reset", "USER", 1, 1, "turn USER's second factor off: secret, codes and trusted devices are forgotten"),
    EMERGENCY_CODE("emergency-code", "USER", 1, 1, "print a one-time emergency code for USER (also lifts a lock)"),
    UNLOCK("unlock", "USER", 1, 1, "clear USER's failed attempts and lock"),
    DEVICES("devices", "USER", 1, 1, "list USER's trusted devices and security keys"),
    REVOKE_DEVICE("revoke-device", "USER ID", 2, 2, "stop trusting USER's device ID (from \"devices\")"),
    CHECK_SETTINGS("check-settings", "FILE", 1, 1, "validate a settings file; print OK or every problem"),
    GENERATE_KEY("generate-key", "[ID]", 0, 1, "print a new data key for TWOSTEP_KEY (id default k1)"),
    HELP("help", "", 0, 0, "show this text");

    private final String word;
    private final String arguments;
    private final int minArguments;
    private final int maxArguments;
    private final String summary;

    Command(String word, String arguments, int minArguments, int maxArguments, String summary) {
        this.word = word;
        this.arguments = arguments;
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
        this.summary = summary;
    }

    /** The command typed as {@code word}, if there is one. */
    static Optional<Command> named(String word) {
        return Arrays.stream(values()).filter(c -> c.word.equals(word)).findFirst();
    }

    /** Whether the command works on a user, and so needs the settings and the store. */
    boolean needsStore() {
        return this != CHECK_SETTINGS && this != GENERATE_KEY && this != HELP;
    }

    String word() {
        return word;
    }

    /** How the command is written, e.g. {@code revoke-device USER ID}. */
    String synopsis() {
        return arguments.isEmpty() ? word : word + " " + arguments;
    }

    String summary() {
        return summary;
    }

    boolean accepts(int argumentCount) {
        return argumentCount >= minArguments && argumentCount <= maxArguments;
    }
}
