package io.github.twostep.internal.web;

import io.github.twostep.Caller;
import io.github.twostep.TwoStep;
import io.github.twostep.audit.AuditEvent;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.internal.core.AnswerPacing;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.core.Evaluation;
import io.github.twostep.internal.core.PasskeySignIn;
import io.github.twostep.internal.core.SendOutcome;
import io.github.twostep.internal.core.State;
import io.github.twostep.login.AuthenticatedUser;
import io.github.twostep.login.PasswordVerifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Built-in login's first factor: checks the password, rotates the session id (no fixation),
 * keeps the user in the session and works out their standing at once. Sign-out ends the
 * session. An unknown user and a wrong password are answered alike.
 */
final class SignIn {
    private final TwoStep twoStep;

    SignIn(TwoStep twoStep) {
        this.twoStep = twoStep;
    }

    /** What a password sign-in came to: the new state; empty for bad credentials; or a wait while throttled. */
    record LogInResult(Optional<State> state, Duration retryAfter) {
        boolean throttled() {
            return !retryAfter.isZero();
        }
    }

    /**
     * Signs in with a password, under {@code login.throttle}: a throttled name is refused
     * before the password is checked.
     */
    LogInResult logIn(HttpServletRequest request, String username, String password) {
        PasswordVerifier verifier = twoStep.passwordVerifier().orElseThrow();
        PasswordCheck check = username == null || password == null
                ? new PasswordCheck(Optional.empty(), Duration.ZERO)
                : PasswordCheck.of(twoStep, verifier, username, password, Http.caller(request));
        if (check.throttled()) {
            return new LogInResult(Optional.empty(), check.retryAfter());
        }
        Optional<AuthenticatedUser> user = check.user();
        if (user.isEmpty()) {
            Engine.of(twoStep).accounts().record(username == null ? "" : username, AuditEvent.Type.LOGIN,
                    AuditEvent.Outcome.FAILURE, Http.caller(request), "");
            return new LogInResult(Optional.empty(), Duration.ZERO);
        }
        return new LogInResult(Optional.of(signedIn(request, user.get())), Duration.ZERO);
    }

    /** A right password: rotates the session id, keeps the user, works out their standing. */
    private State signedIn(HttpServletRequest request, AuthenticatedUser user) {
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.setAttribute(Identity.USER_ATTRIBUTE, user);
        SignInSession state = SignInSession.of(session);
        state.follow(user.name());
        state.rotateCsrfToken();
        Engine.of(twoStep).accounts().record(user.name(), AuditEvent.Type.LOGIN, AuditEvent.Outcome.SUCCESS,
                Http.caller(request), "");
        if (Engine.of(twoStep).guard().isExemptUser(user.name(), user.roles()::contains)) {
            return State.EXEMPT;
        }
        if (!twoStep.settings().enabled()) {
            return State.DISABLED;
        }
        Evaluation evaluation = Engine.of(twoStep).accounts().evaluate(user.name(), Http.trustToken(request),
                Http.caller(request));
        state.evaluated(evaluation, twoStep.clock().instant());
        return evaluation.standing().state();
    }

    /**
     * Password-less sign-in: the typed name is held at the challenge and, when it is a real
     * user's, a code goes to their email: the send is reserved in the user's record now and the
     * email goes out in the background (so the mail server's time is not in the answer). Every
     * name gets the same answer, the same cookies and the same session shape; an unknown name
     * simply never receives a code. Answers empty, or how long to wait before signing in again:
     * when the name is throttled ({@code login.throttle}: too many wrong codes), or when the
     * background sender's queue is full (for any name alike). The answer is held to the floor of
     * {@link AnswerPacing}, counted from {@code started} (when the filter took the request), so its
     * time does not tell the names apart either.
     */
    Optional<Duration> logInWithCode(HttpServletRequest request, String username, long started) {
        Engine engine = Engine.of(twoStep);
        CodeLogin done = requestCode(engine, request, username);
        engine.pacing().hold(AnswerPacing.Answer.LOGIN, started, done.fullWork());
        return done.busy();
    }

    /** What a password-less login came to: a wait, or none; and whether a code really went out. */
    private record CodeLogin(Optional<Duration> busy, boolean fullWork) {
        /** A user's code went out ({@code fullWork}), or the queue was full. */
        static CodeLogin sent(SendOutcome outcome) {
            return new CodeLogin(waitOf(outcome), outcome.result() == SendOutcome.Result.SENT);
        }

        /** Nothing was sent, but a place in the queue was taken as for a send. */
        static CodeLogin queuedNothing(SendOutcome outcome) {
            return new CodeLogin(waitOf(outcome), false);
        }

        private static Optional<Duration> waitOf(SendOutcome outcome) {
            return outcome.result() == SendOutcome.Result.BUSY ? Optional.of(outcome.retryAfter()) : Optional.empty();
        }
    }

    private CodeLogin requestCode(Engine engine, HttpServletRequest request, String username) {
        String name = username == null ? "" : username.strip();
        Duration throttled = engine.loginThrottle().waiting(name);
        if (!throttled.isZero()) {
            return new CodeLogin(Optional.of(throttled), false); // throttled: no new code, for any name alike
        }
        Optional<AuthenticatedUser> user = name.isEmpty() || name.length() > 256 ? Optional.empty()
                : twoStep.passwordVerifier().flatMap(v -> v.find(name));
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession();
        AuthenticatedUser held = user.orElseGet(() -> new AuthenticatedUser(name, Set.of()));
        session.setAttribute(Identity.USER_ATTRIBUTE, held);
        SignInSession state = SignInSession.of(session);
        state.follow(held.name());
        state.rotateCsrfToken();
        state.codeLogin(user.isEmpty());
        engine.accounts().record(held.name(), AuditEvent.Type.LOGIN, AuditEvent.Outcome.INFO, Http.caller(request),
                user.isPresent() ? "code_requested" : "code_requested_unknown_user");
        if (user.isEmpty()) {
            // a user's sign-in reads their record and reserves the send in it: the same work here
            engine.accounts().imitateRecordWork(held.name(), 2);
            engine.unknownNames().send(held.name());
            return CodeLogin.queuedNothing(engine.accounts().queueNothing());
        }
        Caller caller = Http.caller(request);
        engine.accounts().evaluate(held.name(), null, caller);
        SendOutcome sent = engine.accounts().sendLater(held.name(), VerifyMethod.EMAIL, state.signInId(),
                request.getLocale(), caller, ended -> { });
        if (sent.result() == SendOutcome.Result.NO_CONTACT) {
            engine.unknownNames().send(held.name()); // a user without an address counts like a name no one has
        }
        if (sent.result() == SendOutcome.Result.SENT || sent.result() == SendOutcome.Result.BUSY) {
            return CodeLogin.sent(sent);
        }
        // refused before the queue (cooldown, quota, no address): take a place as every other name does
        return CodeLogin.queuedNothing(engine.accounts().queueNothing());
    }

    /**
     * A passkey proved both factors for {@code signedIn}'s user: the session signs in as that user
     * (new session id), verified at once. Empty when the users table no longer knows the user.
     */
    Optional<State> logInWithPasskey(HttpServletRequest request, PasskeySignIn signedIn) {
        Optional<AuthenticatedUser> user = twoStep.passwordVerifier().flatMap(v -> v.find(signedIn.user()));
        if (user.isEmpty()) {
            return Optional.empty();
        }
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.setAttribute(Identity.USER_ATTRIBUTE, user.get());
        SignInSession state = SignInSession.of(session);
        state.follow(user.get().name());
        state.rotateCsrfToken();
        state.verifiedByCode(twoStep.clock().instant(), signedIn.trustEpoch());
        return Optional.of(State.VERIFIED);
    }

    /** Signs out: the whole session is discarded. */
    void logOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        AuthenticatedUser user = Identity.builtinUser(request);
        if (user != null) {
            Engine.of(twoStep).accounts().record(user.name(), AuditEvent.Type.LOGOUT, AuditEvent.Outcome.SUCCESS,
                    Http.caller(request), "");
        }
        session.invalidate();
    }
}
