package io.github.twostep.config;

import java.util.Objects;

/**
 * Security keys and passkeys ({@code verify.webauthn}). The relying party id is the host of
 * {@code paths.publicUrl} and the origin is {@code paths.publicUrl} itself, so enabling this
 * needs {@code paths.publicUrl}.
 *
 * @param enabled          whether users may register and use security keys
 * @param userVerification whether a key must verify its user (PIN, fingerprint)
 * @param maxKeys          how many keys one user may register, 1–100
 * @param passkeyLogin     whether the built-in login accepts a passkey as both factors at once
 */
public record WebAuthnSettings(boolean enabled, UserVerification userVerification, int maxKeys,
                               boolean passkeyLogin) {

    /** The defaults: off, user verification preferred, 10 keys, no passkey login. */
    public static final WebAuthnSettings DEFAULTS =
            new WebAuthnSettings(false, UserVerification.PREFERRED, 10, false);

    public WebAuthnSettings {
        Objects.requireNonNull(userVerification, "userVerification");
    }
}
