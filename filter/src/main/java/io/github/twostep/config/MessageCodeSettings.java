package io.github.twostep.config;

import java.util.Objects;

/**
 * Codes sent by email, SMS or call ({@code messageCode}).
 *
 * @param length          characters per code, 4–10
 * @param alphabet        digits or unambiguous upper-case letters
 * @param minutes         how long a code stays valid, 1–60
 * @param resendSeconds   cooldown between two sends, 0–3600
 * @param maxSendsPerHour sends per user and hour, 1–100
 */
public record MessageCodeSettings(int length, CodeAlphabet alphabet, int minutes, int resendSeconds,
                                  int maxSendsPerHour) {

    public MessageCodeSettings {
        Objects.requireNonNull(alphabet, "alphabet");
    }
}
