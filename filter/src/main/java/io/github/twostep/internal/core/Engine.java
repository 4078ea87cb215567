package io.github.twostep.internal.core;

import io.github.twostep.TwoStep;
import io.github.twostep.audit.AuditSink;
import java.util.Objects;
import java.util.function.Function;

/**
 * What TwoStep's own layers need of a {@link TwoStep} beyond its public API: the account
 * operations, the guard, the password throttle, the unknown-name ledger and the pacing of
 * password-less answers. {@link TwoStep}
 * hands out access once, when it is first used; the web layer and the tests reach these
 * through {@link #of}, applications never (this package is not exported).
 *
 * @param accounts      every operation on a user's second factor
 * @param guard         who must pass which step, for a path
 * @param auditSink     where audit events go
 * @param loginThrottle password throttling per name
 * @param unknownNames  what password-less sign-in answers names no user has
 * @param pacing        holds password-less sign-in's answers to a common floor
 */
public record Engine(Accounts accounts, Guard guard, AuditSink auditSink, LoginThrottle loginThrottle,
                     UnknownNames unknownNames, AnswerPacing pacing) {
    private static volatile Function<TwoStep, Engine> access;

    public Engine {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(auditSink, "auditSink");
        Objects.requireNonNull(loginThrottle, "loginThrottle");
        Objects.requireNonNull(unknownNames, "unknownNames");
        Objects.requireNonNull(pacing, "pacing");
    }

    /** The engine inside {@code twoStep}. */
    public static Engine of(TwoStep twoStep) {
        return access.apply(Objects.requireNonNull(twoStep, "twoStep"));
    }

    /**
     * Called once by {@link TwoStep}'s class initialisation, which runs before any TwoStep
     * exists, so {@link #of} always finds it.
     *
     * @throws IllegalStateException when access was already granted
     */
    public static synchronized void grantAccess(Function<TwoStep, Engine> accessor) {
        if (access != null) {
            throw new IllegalStateException("access to TwoStep's engine is granted once");
        }
        access = Objects.requireNonNull(accessor, "accessor");
    }
}
