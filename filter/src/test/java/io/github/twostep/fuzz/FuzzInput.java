package io.github.twostep.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns raw fuzzer bytes into the strings the targets feed to the API. Raw bytes keep the seed
 * files plain text: a seed is the UTF-8 of the input, and a target taking two strings splits them
 * at the first NUL byte.
 */
final class FuzzInput {
    /**
     * How long one fuzzing run lasts ({@code JAZZER_FUZZ=1}); without it, that is in
     * {@code mvn verify}, a target runs once on each of its seeds and once on the empty input.
     */
    static final String RUN_TIME = "60s";

    private FuzzInput() {
    }

    static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** [text before the first NUL byte, text after it]; all of it is the first part without a NUL. */
    static String[] twoTexts(byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0) {
                return new String[] {text(Arrays.copyOf(data, i)), text(Arrays.copyOfRange(data, i + 1, data.length))};
            }
        }
        return new String[] {text(data), ""};
    }
}
