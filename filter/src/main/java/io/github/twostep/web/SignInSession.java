package io.github.twostep.web;

import io.github.twostep.core.Evaluation;
import io.github.twostep.core.SetupSecret;
import io.github.twostep.core.Standing;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * What TwoStep keeps in one HTTP session: the signed-in user's evaluation and standing, when
 * they were last checked against the store, when a code was last entered here (for the
 * re-verification window), the id binding message codes to this sign-in, the CSRF token and
 * the page to return to. One object per session, its methods synchronised.
 */
final class SignInSession implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String ATTRIBUTE = "io.github.twostep.session";
    /**
     * Guards only the first creation per session: containers may hand each request its own
     * {@code HttpSession} object, so locking that object would not keep two requests from
     * creating two states. Every later call reads the attribute without locking.
     */
    private static final Object CREATION = new Object();

    private String csrfToken = CsrfToken.newToken();
    private String user;
    private Evaluation evaluation;
    private Standing standing;
    private Instant checkedAt;
    private Instant recheckClaimedAt;
    private Instant codeEnteredAt;
    private String signInId;
    private String returnTo;
    private transient SetupSecret pendingSetup;
    private String trustedHere;
    private String lastReported;
    private boolean codeLogin;
    private boolean ghost;
    private Instant signedInAt;
    private Instant lastSeenAt;
    private Lifetime ended;

    /** Where a signed-in session stands against {@code session.idleMinutes} and {@code session.absoluteHours}. */
    enum Lifetime {
        /** Within both limits; this request counts as activity. */
        LIVE,
        /** Ended now: no request for {@code idleMinutes}. */
        IDLE,
        /** Ended now: {@code absoluteHours} since the sign-in. */
        ABSOLUTE,
        /** Already ended by a parallel request of the same session. */
        ENDED
    }

    /** The session's TwoStep state, created (with the session) when missing. */
    static SignInSession of(HttpSession session) {
        if (session.getAttribute(ATTRIBUTE) instanceof SignInSession state) {
            return state;
        }
        synchronized (CREATION) {
            if (session.getAttribute(ATTRIBUTE) instanceof SignInSession state) {
                return state;
            }
            SignInSession state = new SignInSession();
            session.setAttribute(ATTRIBUTE, state);
            return state;
        }
    }

    synchronized String csrfToken() {
        return csrfToken;
    }

    /**
     * A new CSRF token, at every change of privilege (sign-in, verification, set-up), so a
     * token learnt before cannot be used after; clients read it again from {@code GET status}.
     */
    synchronized void rotateCsrfToken() {
        csrfToken = CsrfToken.newToken();
    }

    synchronized String user() {
        return user;
    }

    /** Forgets everything about a previous user when {@code current} differs (sign-out, switch). */
    synchronized void follow(String current) {
        if (current == null ? user != null : !current.equals(user)) {
            user = current;
            evaluation = null;
            standing = null;
            checkedAt = null;
            recheckClaimedAt = null;
            codeEnteredAt = null;
            signInId = newSignInId();
            codeLogin = false;
            ghost = false;
            trustedHere = null;
            signedInAt = null;
            lastSeenAt = null;
            ended = null;
        }
    }

    /**
     * A request of the signed-in user at {@code now}: whether the session is still within its
     * limits ({@link Duration#ZERO} turns a limit off). The first request sets the sign-in time
     * (with built-in login, the request right after the password; with external login, the
     * first in which TwoStep sees the user); a live request moves the idle clock. The first
     * request to find the session over a limit gets {@link Lifetime#IDLE} or
     * {@link Lifetime#ABSOLUTE}, every later one {@link Lifetime#ENDED}.
     */
    synchronized Lifetime touch(Instant now, Duration idle, Duration absolute) {
        if (ended != null) {
            return Lifetime.ENDED;
        }
        if (signedInAt == null) {
            signedInAt = now;
            lastSeenAt = now;
            return Lifetime.LIVE;
        }
        if (!absolute.isZero() && !now.isBefore(signedInAt.plus(absolute))) {
            ended = Lifetime.ABSOLUTE;
        } else if (!idle.isZero() && !now.isBefore(lastSeenAt.plus(idle))) {
            ended = Lifetime.IDLE;
        } else {
            lastSeenAt = now.isAfter(lastSeenAt) ? now : lastSeenAt;
            return Lifetime.LIVE;
        }
        return ended;
    }

    synchronized Evaluation evaluation() {
        return evaluation;
    }

    synchronized Standing standing() {
        return standing;
    }

    /** Stores a fresh evaluation made at {@code now}. */
    synchronized void evaluated(Evaluation fresh, Instant now) {
        evaluation = fresh;
        standing = fresh.standing();
        checkedAt = now;
        recheckClaimedAt = null;
    }

    /**
     * Whether this request should re-check the store: the last answered check is
     * {@code recheck} old or more, and no other request of the session is re-checking (or its
     * re-check was claimed {@code timeout} ago or more, so the store call has given up). The
     * first request to ask claims the re-check, so parallel requests of one session read the
     * store once, not once each; the check time moves only when the store has answered
     * ({@link #confirmed}).
     */
    synchronized boolean claimRecheck(Instant now, Duration recheck, Duration timeout) {
        if (checkedAt != null && now.isBefore(checkedAt.plus(recheck))) {
            return false;
        }
        if (recheckClaimedAt != null && now.isBefore(recheckClaimedAt.plus(timeout))) {
            return false;
        }
        recheckClaimedAt = now;
        return true;
    }

    /** The store answered the re-check claimed at {@code claimedAt}: the standing still holds. */
    synchronized void confirmed(Instant claimedAt) {
        if (checkedAt == null || claimedAt.isAfter(checkedAt)) {
            checkedAt = claimedAt;
        }
        recheckClaimedAt = null;
    }

    /**
     * Whether the standing was last confirmed by the store {@code bound} or longer before
     * {@code now} ({@code session.recheckSeconds + store.timeoutSeconds}): then no request may
     * be let through on it, while another request's re-check is still waiting for the store.
     */
    synchronized boolean stale(Instant now, Duration bound) {
        return checkedAt == null || !now.isBefore(checkedAt.plus(bound));
    }

    /** Whether {@code action} differs from the last one reported for this session (report-only rollout). */
    synchronized boolean firstReport(String action) {
        if (action.equals(lastReported)) {
            return false;
        }
        lastReported = action;
        return true;
    }

    /** A code was entered and accepted at {@code now}, under {@code trustEpoch}. */
    synchronized void verifiedByCode(Instant now, int trustEpoch) {
        evaluation = new Evaluation(Standing.VERIFIED, true, trustEpoch, null);
        standing = Standing.VERIFIED;
        codeEnteredAt = now;
        checkedAt = now;
        recheckClaimedAt = null;
        signInId = newSignInId();
    }

    /** Remembers the device trusted from this session, for showing it as "this device". */
    synchronized void trustedHere(String deviceId) {
        trustedHere = deviceId;
    }

    /** The id of this browser's trusted device: trusted from this session, or the one it signed in with. */
    synchronized String currentDevice() {
        if (trustedHere != null) {
            return trustedHere;
        }
        return evaluation == null ? null : evaluation.deviceId();
    }

    /** Whether a code was entered in this session within {@code window} before {@code now}. */
    synchronized boolean recentlyVerified(Instant now, Duration window) {
        return codeEnteredAt != null && now.isBefore(codeEnteredAt.plus(window));
    }

    synchronized String signInId() {
        if (signInId == null) {
            signInId = newSignInId();
        }
        return signInId;
    }

    synchronized void returnTo(String target) {
        returnTo = target;
    }

    /** The saved return target, cleared. */
    synchronized String takeReturnTo() {
        String target = returnTo;
        returnTo = null;
        return target;
    }

    /**
     * Marks a password-less sign-in waiting for its emailed code. A {@code ghost} is a name no
     * user has: it gets the same answers as a real user, but nothing is looked up or sent.
     */
    synchronized void codeLogin(boolean isGhost) {
        codeLogin = true;
        ghost = isGhost;
    }

    /** Whether this session is a password-less sign-in that has not yet proven its code. */
    synchronized boolean codeLoginPending() {
        return codeLogin && standing != Standing.VERIFIED;
    }

    synchronized boolean ghost() {
        return ghost;
    }


    /** The set-up secret shown on the scan page, kept until it is confirmed (never serialised). */
    synchronized void pendingSetup(SetupSecret secret) {
        pendingSetup = secret;
    }

    synchronized SetupSecret pendingSetup() {
        return pendingSetup;
    }

    private static String newSignInId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    @Override
    public String toString() {
        return "SignInSession[user=" + user + ", standing=" + standing + "]";
    }
}
