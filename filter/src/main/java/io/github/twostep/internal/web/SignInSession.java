package io.github.twostep.internal.web;

import io.github.twostep.internal.core.Evaluation;
import io.github.twostep.internal.core.SetupSecret;
import io.github.twostep.internal.core.SignInState;
import io.github.twostep.internal.core.Standing;
import io.github.twostep.internal.core.WebAuthnCeremony;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * TwoStep's attribute in one HTTP session: the session's {@link SignInState} (core's value, where
 * its rules live) and the write-back a container needs. A container that persists or replicates
 * sessions saves an attribute only when it is set, not when the object it holds changes; so
 * every change sets the attribute again on the session it was read from (outside the state's
 * lock, since the container may serialize it under its own).
 */
public final class SignInSession implements Serializable {
    private static final long serialVersionUID = 2L;
    static final String ATTRIBUTE = "io.github.twostep.session";
    /**
     * Guards only the first creation per session: containers may hand each request its own
     * {@code HttpSession} object, so locking that object would not keep two requests from
     * creating two states. Every later call reads the attribute without locking.
     */
    private static final Object CREATION = new Object();

    private final SignInState state = new SignInState();
    /** The session this state was last read from, to write each change back to. */
    private transient volatile HttpSession owner;

    /** The session's TwoStep state, created (with the session) when missing. */
    public static SignInSession of(HttpSession session) {
        if (session.getAttribute(ATTRIBUTE) instanceof SignInSession held) {
            held.owner = session;
            return held;
        }
        synchronized (CREATION) {
            if (session.getAttribute(ATTRIBUTE) instanceof SignInSession held) {
                held.owner = session;
                return held;
            }
            SignInSession held = new SignInSession();
            held.owner = session;
            session.setAttribute(ATTRIBUTE, held);
            return held;
        }
    }

    /** Core's value behind this session. */
    SignInState state() {
        return state;
    }

    /**
     * Sets the attribute again after a change, so that a container that saves sessions (to a
     * database, to another node) saves this one. A session invalidated meanwhile keeps nothing.
     */
    private void written(boolean changed) {
        HttpSession session = owner;
        if (!changed || session == null) {
            return;
        }
        try {
            session.setAttribute(ATTRIBUTE, this);
        } catch (IllegalStateException invalidated) {
            // signed out meanwhile: there is nothing left to save
        }
    }

    public String csrfToken() {
        return state.csrfToken();
    }

    /** A new CSRF token (see {@link SignInState#rotateCsrfToken}); clients read it again from {@code GET status}. */
    public void rotateCsrfToken() {
        written(state.rotateCsrfToken());
    }

    String user() {
        return state.user();
    }

    /** Forgets everything about a previous user when {@code current} differs (see {@link SignInState#follow}). */
    public void follow(String current) {
        written(state.follow(current));
    }

    /** A request of the signed-in user at {@code now} against the session's limits (see {@link SignInState#touch}). */
    SignInState.Lifetime touch(Instant now, Duration idle, Duration absolute) {
        SignInState.Touch touch = state.touch(now, idle, absolute);
        written(touch.changed());
        return touch.lifetime();
    }

    Evaluation evaluation() {
        return state.evaluation();
    }

    Standing standing() {
        return state.standing();
    }

    /** Stores a fresh evaluation made at {@code now}. */
    void evaluated(Evaluation fresh, Instant now) {
        written(state.evaluated(fresh, now));
    }

    /** Whether this request should re-check the store (see {@link SignInState#claimRecheck}); the claim is this node's only. */
    boolean claimRecheck(Instant now, Duration recheck, Duration timeout) {
        return state.claimRecheck(now, recheck, timeout);
    }

    /** The store answered the re-check claimed at {@code claimedAt}: the standing still holds. */
    void confirmed(Instant claimedAt) {
        written(state.confirmed(claimedAt));
    }

    /** Whether the standing was last confirmed {@code bound} or longer before {@code now}. */
    boolean stale(Instant now, Duration bound) {
        return state.stale(now, bound);
    }

    /** Whether {@code action} differs from the last one reported for this session (report-only rollout). */
    boolean firstReport(String action) {
        boolean first = state.firstReport(action);
        written(first);
        return first;
    }

    /** A code (or key) was proven at {@code now}, under {@code trustEpoch}. */
    void verifiedByCode(Instant now, int trustEpoch) {
        written(state.verifiedByCode(now, trustEpoch));
    }

    /** Remembers the device trusted from this session, for showing it as "this device". */
    void trustedHere(String deviceId) {
        written(state.trustedHere(deviceId));
    }

    String currentDevice() {
        return state.currentDevice();
    }

    Instant codeEnteredAt() {
        return state.codeEnteredAt();
    }

    /** Whether a code was proven in this session within the re-verification window before {@code now}. */
    boolean recentlyVerified(Instant now) {
        return state.recentlyVerified(now);
    }

    String signInId() {
        boolean made = state.lacksSignInId();
        String id = state.signInId();
        written(made);
        return id;
    }

    void returnTo(String target) {
        written(state.returnTo(target));
    }

    /** The saved return target, cleared. */
    String takeReturnTo() {
        String target = state.takeReturnTo();
        written(target != null);
        return target;
    }

    /** Marks a password-less sign-in waiting for its emailed code ({@code isGhost}: a name no user has). */
    void codeLogin(boolean isGhost) {
        written(state.codeLogin(isGhost));
    }

    boolean codeLoginPending() {
        return state.codeLoginPending();
    }

    boolean ghost() {
        return state.ghost();
    }

    /** The set-up secret shown on the scan page, kept until it is confirmed (never serialised). */
    void pendingSetup(SetupSecret secret) {
        state.pendingSetup(secret);
    }

    SetupSecret pendingSetup() {
        return state.pendingSetup();
    }

    /** Keeps {@code begun} until the browser answers, replacing any ceremony begun before. */
    void beginCeremony(WebAuthnCeremony begun) {
        written(state.beginCeremony(begun));
    }

    /** The ceremony waiting for an answer, taken out (one of any parallel answers gets it); null when none. */
    WebAuthnCeremony takeCeremony() {
        WebAuthnCeremony taken = state.takeCeremony();
        written(taken != null);
        return taken;
    }

    @Override
    public String toString() {
        return "SignInSession[" + state + "]";
    }
}
