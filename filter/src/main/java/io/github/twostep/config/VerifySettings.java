package io.github.twostep.config;

/**
 * Which second factors are accepted ({@code verify}).
 *
 * @param app   TOTP authenticator apps
 * @param email codes sent by email
 * @param sms   codes sent by SMS (needs {@code delivery.sms})
 * @param call  codes read out in a call (needs {@code delivery.call})
 * @param dial  a phone number shown to users, where an operator enters a one-time code into
 *              the account; null: not offered
 * @param webauthn security keys and passkeys
 */
public record VerifySettings(boolean app, boolean email, boolean sms, boolean call, String dial,
                             WebAuthnSettings webauthn) {

    public VerifySettings {
        java.util.Objects.requireNonNull(webauthn, "webauthn");
    }

    /** The methods with codes, and security keys at their defaults (off). */
    public VerifySettings(boolean app, boolean email, boolean sms, boolean call, String dial) {
        this(app, email, sms, call, dial, WebAuthnSettings.DEFAULTS);
    }

    /** Whether users may use {@code method}. */
    public boolean allows(VerifyMethod method) {
        return switch (method) {
            case APP -> app;
            case EMAIL -> email;
            case SMS -> sms;
            case CALL -> call;
        };
    }
}
