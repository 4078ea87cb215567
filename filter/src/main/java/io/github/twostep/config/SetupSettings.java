package io.github.twostep.config;

import java.util.List;
import java.util.Objects;

/**
 * How users get two-factor authentication ({@code setup}).
 *
 * @param mode                   opt-in, auto or required
 * @param methods                methods created in {@code auto} mode and offered first
 * @param issuer                 the name authenticator apps show next to the account
 * @param enrollmentDeadlineDays days of grace logins before enrolment is enforced in
 *                               {@code required} mode, 0–365 (0: enforced at once)
 * @param authenticators         apps suggested on the set-up page
 */
public record SetupSettings(SetupMode mode, List<VerifyMethod> methods, String issuer,
                            int enrollmentDeadlineDays, List<Authenticator> authenticators) {

    public SetupSettings {
        Objects.requireNonNull(mode, "mode");
        methods = List.copyOf(methods);
        Objects.requireNonNull(issuer, "issuer");
        authenticators = List.copyOf(authenticators);
    }
}
