package io.github.twostep.config;

import java.util.Objects;

/**
 * Authenticator-app codes ({@code code}).
 *
 * @param length    digits per code, 4–10
 * @param period    seconds per time step, 15–300
 * @param window    seconds of codes accepted around now, 0–900: steps t−k … t+k with
 *                  k = ⌊window ÷ (2 × period)⌋
 * @param algorithm HMAC behind the codes
 */
public record CodeSettings(int length, int period, int window, Algorithm algorithm) {

    public CodeSettings {
        Objects.requireNonNull(algorithm, "algorithm");
    }

    /** k: how many steps before and after the current one are accepted. */
    public int windowSteps() {
        return window / (2 * period);
    }
}
