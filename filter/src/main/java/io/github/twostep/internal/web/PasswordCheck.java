package io.github.twostep.internal.web;

import io.github.twostep.Caller;
import io.github.twostep.TwoStep;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.core.LoginThrottle;
import io.github.twostep.login.AuthenticatedUser;
import io.github.twostep.login.PasswordVerifier;
import java.time.Duration;
import java.util.Optional;

/**
 * One password check under {@code login.throttle}: a throttled name is refused before the
 * password is looked at (no hash work, the right password refused too); otherwise the password
 * is checked and core's {@link LoginThrottle} is told how it went. Known and unknown names take
 * the same path.
 *
 * @param user       the user when the password was right; empty otherwise
 * @param retryAfter zero unless the name is throttled: then how long until it may try again
 */
record PasswordCheck(Optional<AuthenticatedUser> user, Duration retryAfter) {

    boolean throttled() {
        return !retryAfter.isZero();
    }

    boolean right() {
        return user.isPresent();
    }

    /** Checks {@code password} for {@code name} with the application's verifier. */
    static PasswordCheck of(TwoStep twoStep, PasswordVerifier verifier, String name, String password, Caller caller) {
        return Engine.of(twoStep).loginThrottle().attempt(name, caller,
                () -> new PasswordCheck(password == null ? Optional.empty() : verifier.verify(name, password.toCharArray()),
                        Duration.ZERO),
                PasswordCheck::right, wait -> new PasswordCheck(Optional.empty(), wait));
    }
}
