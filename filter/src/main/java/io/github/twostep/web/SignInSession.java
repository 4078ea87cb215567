package io.github.twostep.web;

import io.github.twostep.core.Evaluation;
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

    private String csrfToken = CsrfToken.newToken();
    private String user;
    private Evaluation evaluation;
    private Standing standing;
    private Instant checkedAt;
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
            codeEnteredAt = null;
            signInId = newSignInId();
            codeLogin = false;
            ghost = false;
            trustedHere = null;
            return true;
        }
        return false;
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
        }
        changed();
    }

    /**
     * Whether this request should re-check the store: the last check is {@code recheck} old or
     * more. The first request to ask claims the re-check (the check time moves to now), so
     * parallel requests of one session read the store once, not once each.
     */
    boolean claimRecheck(Instant now, Duration recheck) {
        synchronized (this) {
            if (checkedAt != null && now.isBefore(checkedAt.plus(recheck))) {
                return false;
            }
            checkedAt = now;
        }
        changed();
        return true;
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
