package io.github.twostep.config;

/**
 * Whether a security key must check its user (PIN, fingerprint) before it signs
 * ({@code verify.webauthn.userVerification}), WebAuthn's {@code UserVerificationRequirement}.
 */
public enum UserVerification {
    /** The key must verify its user; keys that cannot are refused. */
    REQUIRED("required"),
    /** The key verifies its user when it can; a key that cannot is still accepted. */
    PREFERRED("preferred"),
    /** The key is asked not to verify its user (presence alone). */
    DISCOURAGED("discouraged");

    private final String jsonName;

    UserVerification(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The spelling used in the settings file and in WebAuthn's JSON. */
    public String jsonName() {
        return jsonName;
    }

}
