package io.github.twostep.internal.core;

import java.util.Objects;

/**
 * The start of a WebAuthn ceremony: what the session keeps, and what the browser is sent.
 *
 * @param ceremony the ceremony to keep in the session until the browser answers
 * @param json     the options in WebAuthn's JSON form, {@code {"publicKey": {...}}}, binary fields
 *                 base64url, ready for {@code PublicKeyCredential.parseCreationOptionsFromJSON}
 *                 (or its request counterpart)
 */
public record KeyOptions(WebAuthnCeremony ceremony, String json) {
    public KeyOptions {
        Objects.requireNonNull(ceremony, "ceremony");
        Objects.requireNonNull(json, "json");
    }
}
