package io.github.twostep.config;

/** Where the first factor comes from ({@code login.mode}). */
public enum LoginMode {
    /** The application or the container authenticates; TwoStep reads the user it established. */
    EXTERNAL("external"),
    /** TwoStep serves the login form and checks passwords itself. */
    BUILTIN("builtin");

    private final String jsonName;

    LoginMode(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The spelling used in the settings file. */
    public String jsonName() {
        return jsonName;
    }
}
