package io.github.twostep.internal.web;

import io.github.twostep.TwoStep;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.internal.core.Accounts;
import io.github.twostep.internal.core.AnswerPacing;
import io.github.twostep.internal.core.ChallengeCompletion;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.core.Evaluation;
import io.github.twostep.internal.core.SendOutcome;
import io.github.twostep.internal.core.SetupConfirmation;
import io.github.twostep.internal.core.TrustIssued;
import io.github.twostep.internal.core.VerifyOutcome;
import io.github.twostep.internal.core.WebAuthnCeremony;
import io.github.twostep.internal.store.UserRecord;
import io.github.twostep.login.AuthenticatedUser;
import io.github.twostep.login.PasswordVerifier;
import io.github.twostep.store.UnknownUserException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The steps the pages and the JSON API share, with their effect on the session: a verified
 * code rotates the session id and marks the session verified, trust sets the cookie, set-up
 * and disabling update the session's standing.
 */
final class Flows {
    private final TwoStep twoStep;
    private final Accounts accounts;

    Flows(TwoStep twoStep) {
        this.twoStep = twoStep;
        this.accounts = Engine.of(twoStep).accounts();
    }

    /** The user's record; empty if they have none or the store does not know them. */
    Optional<UserRecord> record(String user) {
        try {
            return accounts.lookup(user);
        } catch (UnknownUserException e) {
            return Optional.empty();
        }
    }

    /** The masked address where codes of {@code method} go, or null (the app has none). */
    String contactOf(String user, VerifyMethod method) {
        return accounts.contactOf(user, method);
    }

    /** Sends a code by {@code method} for this session's sign-in, in the request's language. */
    /**
     * Whether two-factor authentication is off app-wide ({@code enabled: false}) for this
     * session: then no code is checked, counted or sent. A password-less sign-in is the
     * exception, its code being the first factor.
     */
    private boolean secondFactorOff(Exchange x) {
        return !twoStep.settings().enabled() && !x.session().codeLoginPending();
    }

    /**
     * Sends a code for the challenge. In a password-less sign-in every name is answered alike: a
     * user's email goes out in the background (so neither the mail server's time nor its failure
     * is in the answer), a name nobody has and a user without an address are answered by
     * {@link io.github.twostep.internal.core.UnknownNames} and take a place in the send queue as a
     * send does, and the answer is held to the common floor of {@link AnswerPacing}.
     */
    SendOutcome send(Exchange x, VerifyMethod method) {
        if (!x.session().codeLoginPending()) {
            return secondFactorOff(x) ? new SendOutcome(SendOutcome.Result.NOT_ALLOWED, null, Duration.ZERO, List.of())
                    : accounts.send(x.user(), method, x.session().signInId(), x.request().getLocale(), x.caller());
        }
        SendOutcome outcome = x.session().ghost() ? null : accounts.sendLater(x.user(), method,
                x.session().signInId(), x.request().getLocale(), x.caller(), ended -> { });
        boolean sent = outcome != null && outcome.result() == SendOutcome.Result.SENT;
        if (outcome == null || outcome.result() == SendOutcome.Result.NO_CONTACT) {
            outcome = answeredAsNobodys(x.user());
        }
        Engine.of(twoStep).pacing().hold(AnswerPacing.Answer.SEND, x.started(), sent);
        return outcome;
    }

    /** What a name nobody has gets from {@code send}, a place in the queue taken as a real send takes one. */
    private SendOutcome answeredAsNobodys(String name) {
        SendOutcome mirrored = Engine.of(twoStep).unknownNames().send(name);
        if (mirrored.result() != SendOutcome.Result.SENT) {
            return mirrored;
        }
        SendOutcome queued = accounts.queueNothing();
        return queued.result() == SendOutcome.Result.BUSY ? queued : mirrored;
    }

    /**
     * Completes the challenge: checks a code and, when it is right, marks the session verified
     * (new session id) and, in the same write of the record, trusts the device if asked (core
     * decides for how long, and whether the code authorised a new browser instead). A name no
     * user has (password-less sign-in) gets what a wrong code gets, lock included (see
     * {@link io.github.twostep.internal.core.UnknownNames}). In a password-less sign-in the code
     * is the password: {@code login.throttle} counts it first, and a throttled name's code is not
     * checked at all ({@link VerifyOutcome.Result#THROTTLED}).
     */
    VerifyOutcome verify(Exchange x, String code, boolean trustDevice) {
        if (!x.session().codeLoginPending()) {
            return verifyCode(x, code, trustDevice);
        }
        // password-less: the code is the password, so login.throttle counts it, for every name alike;
        // and the answer is held to a common floor, so the time does not tell a user from a name nobody has
        boolean ghost = x.session().ghost();
        VerifyOutcome outcome = Engine.of(twoStep).loginThrottle().attempt(x.user(), x.caller(),
                () -> verifyCode(x, code, trustDevice), VerifyOutcome::isVerified, VerifyOutcome::throttled);
        Engine.of(twoStep).pacing().hold(AnswerPacing.Answer.VERIFY, x.started(),
                !ghost && outcome.result() != VerifyOutcome.Result.THROTTLED);
        return outcome;
    }

    private VerifyOutcome verifyCode(Exchange x, String code, boolean trustDevice) {
        if (x.session().ghost()) {
            accounts.imitateRecordWork(x.user(), 1); // a user's wrong code is one update of their record
            return Engine.of(twoStep).unknownNames().verify(x.user());
        }
        if (secondFactorOff(x)) {
            return VerifyOutcome.invalid();
        }
        ChallengeCompletion done;
        try {
            done = accounts.completeChallenge(x.user(), code, x.session().signInId(), x.session().evaluation(),
                    trustDevice, x.caller());
        } catch (UnknownUserException e) {
            return VerifyOutcome.invalid();
        }
        return completed(x, done);
    }

    /**
     * Completes the challenge with a security key's signature over the ceremony this session
     * began (taken out, so it answers once), with the same effect on the session as a code.
     */
    VerifyOutcome verifyKey(Exchange x, String credentialJson, boolean trustDevice) {
        WebAuthnCeremony ceremony = x.session().takeCeremony();
        // no key step before a password-less code (a name nobody has never gets past it)
        if (x.session().ghost() || x.session().codeLoginPending() || secondFactorOff(x)) {
            return VerifyOutcome.invalid();
        }
        ChallengeCompletion done;
        try {
            done = accounts.completeKeyChallenge(x.user(), ceremony, credentialJson, trustDevice, x.caller());
        } catch (UnknownUserException e) {
            return VerifyOutcome.invalid();
        }
        return completed(x, done);
    }

    /** A verified challenge: new session id and CSRF token, the trust cookie, the session verified. */
    private VerifyOutcome completed(Exchange x, ChallengeCompletion done) {
        VerifyOutcome outcome = done.outcome();
        if (!outcome.isVerified()) {
            return outcome;
        }
        Instant now = twoStep.clock().instant();
        x.request().changeSessionId();
        x.session().rotateCsrfToken();
        TrustIssued issued = done.trust();
        if (issued != null) {
            long days = Duration.between(issued.device().created(), issued.device().expires()).toDays();
            Http.setTrustCookie(x.request(), x.response(), issued.token(), (int) days);
            x.session().trustedHere(issued.device().id());
        }
        if (done.authorizedBrowser()) {
            x.session().evaluated(accounts.evaluate(x.user(), issued == null ? null : issued.token(), x.caller()), now);
        } else {
            x.session().verifiedByCode(now, outcome.trustEpoch());
        }
        return outcome;
    }

    SetupConfirmation confirm(Exchange x, String code, Set<VerifyMethod> methods) {
        var confirmation = accounts.confirmSetup(x.user(), code, methods, x.session().signInId(), x.caller());
        if (confirmation.outcome().isVerified()) {
            x.request().changeSessionId();
            x.session().rotateCsrfToken();
            x.session().verifiedByCode(twoStep.clock().instant(), confirmation.outcome().trustEpoch());
        }
        return confirmation;
    }

    void disable(Exchange x) {
        accounts.disable(x.user(), x.caller());
        Evaluation fresh = accounts.evaluate(x.user(), null, x.caller());
        x.session().evaluated(fresh, twoStep.clock().instant());
    }

    /**
     * Whether {@code password} is the user's, under {@code login.throttle} (a throttled name is
     * refused before the check). Without a password check (external login with no verifier) the
     * first factor is the container's and this step is skipped.
     */
    PasswordCheck confirmPassword(Exchange x, String password) {
        Optional<PasswordVerifier> verifier = twoStep.passwordVerifier();
        if (verifier.isEmpty()) {
            return new PasswordCheck(Optional.of(new AuthenticatedUser(x.user(), Set.of())),
                    Duration.ZERO);
        }
        return PasswordCheck.of(twoStep, verifier.get(), x.user(), password, x.caller());
    }

    /** For a user who has a second factor: a code (or key) proven in this session within five minutes. */
    boolean recentlyVerified(Exchange x) {
        return x.session().recentlyVerified(twoStep.clock().instant());
    }

    /** Drift of at least two steps, in seconds the phone is ahead (negative: behind); null when smaller. */
    Integer clockDriftSeconds(VerifyOutcome outcome) {
        int steps = outcome.driftSteps();
        return Math.abs(steps) >= 2 ? steps * twoStep.settings().code().period() : null;
    }

    /** Where to go after a successful verification: the page first asked for, if it is on this site. */
    String redirectAfterVerify(Exchange x) {
        String saved = x.session().takeReturnTo();
        return x.request().getContextPath() + ReturnTo.sameOrigin(saved).orElse("/");
    }
}
