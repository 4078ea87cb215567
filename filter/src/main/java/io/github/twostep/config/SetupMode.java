package io.github.twostep.config;

/** How users come to have two-factor authentication ({@code setup.mode}). */
public enum SetupMode {
    /** Users turn it on themselves from the user menu. */
    OPT_IN("opt-in"),
    /** Created at sign-in with {@code setup.methods}; the user goes straight to the challenge. */
    AUTO("auto"),
    /** Users must enrol, optionally after a deadline with grace logins. */
    REQUIRED("required");

    private final String jsonName;

    SetupMode(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The spelling used in the settings file. */
    public String jsonName() {
        return jsonName;
    }
}
