package io.github.twostep.web;

import io.github.twostep.core.Evaluation;
import io.github.twostep.core.WebAuthnCeremony;
import io.github.twostep.core.SetupSecret;
import io.github.twostep.core.Standing;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.ObjectOutputStream;
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
 *
 * <p>It survives Java serialization, so a container that persists sessions or shares them
 * between nodes keeps the second factor's state. Such a container saves an attribute only when
 * it is set, not when the object it holds changes; so every change here sets the attribute
 * again on the session it was read from (outside this object's lock, since the container may
 * serialize it under its own).
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
    /**
     * Activity is kept to this grain: a session shared between nodes is written back when its
     * last activity moves by a minute, not on every request (so the idle limit may end it up to
     * a minute early).
     */
    private static final Duration ACTIVITY_GRAIN = Duration.ofMinutes(1);

    private String csrfToken = CsrfToken.newToken();
    private String user;
    private Evaluation evaluation;
    private Standing standing;
    private Instant checkedAt;
    /** A re-check under way on this node (not shared: another node's claim ends with that node). */
    private transient Instant recheckClaimedAt;
    private Instant codeEnteredAt;
    private String signInId;
    private String returnTo;
    private transient SetupSecret pendingSetup;
    private String trustedHere;
    private String lastReported;
    private boolean codeLogin;
    private boolean ghost;
    /** The session this state was last read from, to write each change back to. */
    private transient volatile HttpSession owner;
    private Instant signedInAt;
    private Instant lastSeenAt;
    private Lifetime ended;
    /** The WebAuthn ceremony begun in this session and not yet answered. */
    private WebAuthnCeremony ceremony;

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
            state.owner = session;
            return state;
        }
        synchronized (CREATION) {
            if (session.getAttribute(ATTRIBUTE) instanceof SignInSession state) {
                state.owner = session;
                return state;
            }
            SignInSession state = new SignInSession();
            state.owner = session;
            session.setAttribute(ATTRIBUTE, state);
            return state;
        }
    }

    /**
     * Sets the attribute again after a change, so that a container that saves sessions (to a
     * database, to another node) saves this one. A session invalidated meanwhile keeps nothing.
     */
    private void changed() {
        HttpSession session = owner;
        if (session == null) {
            return;
        }
        try {
            session.setAttribute(ATTRIBUTE, this);
        } catch (IllegalStateException invalidated) {
            // signed out meanwhile: there is nothing left to save
        }
    }

    synchronized String csrfToken() {
        return csrfToken;
    }

    /**
     * A new CSRF token, at every change of privilege (sign-in, verification, set-up), so a
     * token learnt before cannot be used after; clients read it again from {@code GET status}.
     */
    void rotateCsrfToken() {
        synchronized (this) {
            csrfToken = CsrfToken.newToken();
        }
        changed();
    }

    synchronized String user() {
        return user;
    }

    /**
     * Forgets everything about a previous user when {@code current} differs (sign-in, sign-out,
     * switch), the CSRF token included: with external login the application's sign-in may keep
     * the session's attributes (Spring Security and the containers change only the session id),
     * and a token learnt before signing in must not work after it.
     */
    void follow(String current) {
        if (switchTo(current)) {
            changed();
        }
    }

    private synchronized boolean switchTo(String current) {
        if (current == null ? user != null : !current.equals(user)) {
            user = current;
            csrfToken = CsrfToken.newToken();
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
            return true;
        }
        return false;
    }

    /**
     * A request of the signed-in user at {@code now}: whether the session is still within its
     * limits ({@link Duration#ZERO} turns a limit off). The first request sets the sign-in time
     * (with built-in login, the request right after the password; with external login, the
     * first in which TwoStep sees the user); a live request moves the idle clock. The first
     * request to find the session over a limit gets {@link Lifetime#IDLE} or
     * {@link Lifetime#ABSOLUTE}, every later one {@link Lifetime#ENDED}.
     */
    Lifetime touch(Instant now, Duration idle, Duration absolute) {
        Lifetime lifetime;
        boolean write;
        synchronized (this) {
            Instant before = lastSeenAt;
            lifetime = lifetime(now, idle, absolute);
            if (lifetime == Lifetime.LIVE && before != null && lastSeenAt.isBefore(before.plus(ACTIVITY_GRAIN))) {
                lastSeenAt = before; // kept to the minute: written back once a minute, not on every request
                write = false;
            } else {
                write = lifetime != Lifetime.ENDED;
            }
        }
        if (write) {
            changed();
        }
        return lifetime;
    }

    private Lifetime lifetime(Instant now, Duration idle, Duration absolute) {
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
    void evaluated(Evaluation fresh, Instant now) {
        synchronized (this) {
            evaluation = fresh;
            standing = fresh.standing();
            checkedAt = now;
            recheckClaimedAt = null;
        }
        changed();
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
    void confirmed(Instant claimedAt) {
        synchronized (this) {
            if (checkedAt == null || claimedAt.isAfter(checkedAt)) {
                checkedAt = claimedAt;
            }
            recheckClaimedAt = null;
        }
        changed();
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
    boolean firstReport(String action) {
        synchronized (this) {
            if (action.equals(lastReported)) {
                return false;
            }
            lastReported = action;
        }
        changed();
        return true;
    }

    /** A code was entered and accepted at {@code now}, under {@code trustEpoch}. */
    void verifiedByCode(Instant now, int trustEpoch) {
        synchronized (this) {
            evaluation = new Evaluation(Standing.VERIFIED, true, trustEpoch, null);
            standing = Standing.VERIFIED;
            codeEnteredAt = now;
            checkedAt = now;
            recheckClaimedAt = null;
            signInId = newSignInId();
        }
        changed();
    }

    /** Remembers the device trusted from this session, for showing it as "this device". */
    void trustedHere(String deviceId) {
        synchronized (this) {
            trustedHere = deviceId;
        }
        changed();
    }

    /** The id of this browser's trusted device: trusted from this session, or the one it signed in with. */
    synchronized String currentDevice() {
        if (trustedHere != null) {
            return trustedHere;
        }
        return evaluation == null ? null : evaluation.deviceId();
    }

    /** When a code was last entered and accepted in this session; null if none was. */
    synchronized Instant codeEnteredAt() {
        return codeEnteredAt;
    }

    /** Whether a code was entered in this session within {@code window} before {@code now}. */
    synchronized boolean recentlyVerified(Instant now, Duration window) {
        return codeEnteredAt != null && now.isBefore(codeEnteredAt.plus(window));
    }

    String signInId() {
        String id;
        synchronized (this) {
            if (signInId != null) {
                return signInId;
            }
            signInId = newSignInId();
            id = signInId;
        }
        changed();
        return id;
    }

    void returnTo(String target) {
        synchronized (this) {
            returnTo = target;
        }
        changed();
    }

    /** The saved return target, cleared. */
    String takeReturnTo() {
        String target;
        synchronized (this) {
            target = returnTo;
            returnTo = null;
        }
        if (target != null) {
            changed();
        }
        return target;
    }

    /**
     * Marks a password-less sign-in waiting for its emailed code. A {@code ghost} is a name no
     * user has: it gets the same answers as a real user, but nothing is looked up or sent.
     */
    void codeLogin(boolean isGhost) {
        synchronized (this) {
            codeLogin = true;
            ghost = isGhost;
        }
        changed();
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

    /** Keeps {@code begun} until the browser answers, replacing any ceremony begun before. */
    void beginCeremony(WebAuthnCeremony begun) {
        synchronized (this) {
            ceremony = begun;
        }
        changed();
    }

    /**
     * The ceremony waiting for an answer, taken out: of any number of parallel answers, one
     * gets it (a challenge is single use); null when none waits.
     */
    WebAuthnCeremony takeCeremony() {
        WebAuthnCeremony taken;
        synchronized (this) {
            taken = ceremony;
            ceremony = null;
        }
        if (taken != null) {
            changed();
        }
        return taken;
    }

    /** Writes a consistent snapshot: no change of another request lands half-way. */
    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
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
