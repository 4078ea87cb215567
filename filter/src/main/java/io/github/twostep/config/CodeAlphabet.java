package io.github.twostep.config;

import java.util.Arrays;
import java.util.Optional;

/** The characters of codes sent by email, SMS or call ({@code messageCode.alphabet}). */
public enum CodeAlphabet {
    /** Decimal digits. */
    DIGITS("digits"),
    /** Upper-case letters without look-alikes (no I, O, ...). */
    LETTERS("letters");

    private final String jsonName;

    CodeAlphabet(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The spelling used in the settings file. */
    public String jsonName() {
        return jsonName;
    }

    /** The constant spelled {@code name} in the settings file, if any. */
    public static Optional<CodeAlphabet> fromJson(String name) {
        return Arrays.stream(values()).filter(a -> a.jsonName.equals(name)).findFirst();
    }
}
