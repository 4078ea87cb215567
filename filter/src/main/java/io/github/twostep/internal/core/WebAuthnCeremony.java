package io.github.twostep.internal.core;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A WebAuthn ceremony begun and not yet finished: the challenge the browser was given, for what
 * and for whom, until when. The web layer keeps it in the session and takes it out (once) when
 * the browser answers, so a challenge is single use and bound to the session that asked.
 *
 * @param purpose   what the signature will be for
 * @param user      the signed-in user the ceremony is for; null for a passkey sign-in
 * @param challenge the random challenge, 32 bytes
 * @param expires   when the ceremony stops being accepted (five minutes after it began)
 */
public record WebAuthnCeremony(Purpose purpose, String user, byte[] challenge, Instant expires)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a ceremony is for. */
    public enum Purpose {
        /** Registering a new key for a signed-in user. */
        REGISTER,
        /** Proving the second factor with a registered key. */
        AUTHENTICATE,
        /** Signing in with a passkey, both factors at once. */
        LOGIN
    }

    public WebAuthnCeremony {
        Objects.requireNonNull(purpose, "purpose");
        challenge = Objects.requireNonNull(challenge, "challenge").clone();
        Objects.requireNonNull(expires, "expires");
    }

    @Override
    public byte[] challenge() {
        return challenge.clone();
    }

    /** Whether this ceremony may finish now, for {@code purpose} and {@code user}. */
    boolean accepts(Purpose expected, String expectedUser, Instant now) {
        return purpose == expected && Objects.equals(user, expectedUser) && now.isBefore(expires);
    }

    @Override
    public String toString() {
        return "WebAuthnCeremony[" + purpose + ", expires=" + expires + "]";
    }
}
