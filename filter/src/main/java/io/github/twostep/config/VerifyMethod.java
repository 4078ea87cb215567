package io.github.twostep.config;

import java.util.Arrays;
import java.util.Optional;

/** A way to prove the second factor that a user can set up ({@code setup.methods}). */
public enum VerifyMethod {
    /** A TOTP authenticator app. */
    APP("app"),
    /** A code sent by email. */
    EMAIL("email"),
    /** A code sent by SMS. */
    SMS("sms"),
    /** A code read out in a phone call. */
    CALL("call");

    private final String jsonName;

    VerifyMethod(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The spelling used in the settings file and the HTTP API. */
    public String jsonName() {
        return jsonName;
    }

    /**
     * The constant spelled {@code name}.
     *
     * @throws IllegalArgumentException if no method is spelled so
     */
    public static VerifyMethod named(String name) {
        return fromJson(name).orElseThrow(() -> new IllegalArgumentException("unknown method: " + name));
    }

    /** The constant spelled {@code name} in the settings file, if any. */
    public static Optional<VerifyMethod> fromJson(String name) {
        return Arrays.stream(values()).filter(m -> m.jsonName.equals(name)).findFirst();
    }
}
