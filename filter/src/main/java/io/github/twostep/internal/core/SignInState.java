package io.github.twostep.internal.core;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * What one browser session knows about its sign-in: the user, their evaluation and standing and
 * when the store last confirmed it, when a code (or key) was last proven here, the id binding
 * message codes to this sign-in, the CSRF token, the page to return to, a password-less sign-in
 * waiting for its code, a WebAuthn ceremony waiting for its answer, and the session's age. The
 * rules over these (the re-verification window, the idle and absolute limits, the single-flight
 * re-check, the stale-standing bound) live here, free of servlet types.
 *
 * <p>It survives Java serialization, so a container that persists sessions or shares them
 * between nodes keeps the second factor's state. Every method is synchronised; every change
 * answers whether the value changed, so that its holder can store it again (a container saves
 * a session attribute when it is set, not when the object it holds changes).
 */
public final class SignInState implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How recent a proven code must be for a sensitive change (set-up again, backup codes, disable, removing a key). */
    public static final Duration REVERIFY_WINDOW = Duration.ofMinutes(5);
    /**
     * Activity is kept to this grain: a session shared between nodes is written back when its
     * last activity moves by a minute, not on every request (so the idle limit may end it up to
     * a minute early).
     */
    private static final Duration ACTIVITY_GRAIN = Duration.ofMinutes(1);

    private String csrfToken = newToken(32);
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
    private Instant signedInAt;
    private Instant lastSeenAt;
    private Lifetime ended;
    private WebAuthnCeremony ceremony;

    /** Where a signed-in session stands against {@code session.idleMinutes} and {@code session.absoluteHours}. */
    public enum Lifetime {
        /** Within both limits; this request counts as activity. */
        LIVE,
        /** Ended now: no request for {@code idleMinutes}. */
        IDLE,
        /** Ended now: {@code absoluteHours} since the sign-in. */
        ABSOLUTE,
        /** Already ended by a parallel request of the same session. */
        ENDED
    }

    /** What {@link #touch} found, and whether the value changed. */
    public record Touch(Lifetime lifetime, boolean changed) {
    }

    public synchronized String csrfToken() {
        return csrfToken;
    }

    /**
     * A new CSRF token, at every change of privilege (sign-in, verification, set-up), so a
     * token learnt before cannot be used after.
     */
    public synchronized boolean rotateCsrfToken() {
        csrfToken = newToken(32);
        return true;
    }

    public synchronized String user() {
        return user;
    }

    /**
     * Forgets everything about a previous user when {@code current} differs (sign-in, sign-out,
     * switch), the CSRF token included: with external login the application's sign-in may keep
     * the session's attributes (Spring Security and the containers change only the session id),
     * and a token learnt before signing in must not work after it.
     */
    public synchronized boolean follow(String current) {
        if (current == null ? user == null : current.equals(user)) {
            return false;
        }
        user = current;
        csrfToken = newToken(32);
        evaluation = null;
        standing = null;
        checkedAt = null;
        recheckClaimedAt = null;
        codeEnteredAt = null;
        signInId = newToken(16);
        codeLogin = false;
        ghost = false;
        trustedHere = null;
        signedInAt = null;
        lastSeenAt = null;
        ended = null;
        ceremony = null;
        return true;
    }

    /**
     * A request of the signed-in user at {@code now}: whether the session is still within its
     * limits ({@link Duration#ZERO} turns a limit off). The first request sets the sign-in time
     * (with built-in login, the request right after the password; with external login, the
     * first in which TwoStep sees the user); a live request moves the idle clock, kept to the
     * minute. The first request to find the session over a limit gets {@link Lifetime#IDLE} or
     * {@link Lifetime#ABSOLUTE}, every later one {@link Lifetime#ENDED}.
     */
    public synchronized Touch touch(Instant now, Duration idle, Duration absolute) {
        Instant before = lastSeenAt;
        Lifetime lifetime = lifetime(now, idle, absolute);
        if (lifetime == Lifetime.LIVE && before != null && lastSeenAt.isBefore(before.plus(ACTIVITY_GRAIN))) {
            lastSeenAt = before;
            return new Touch(lifetime, false);
        }
        return new Touch(lifetime, lifetime != Lifetime.ENDED);
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

    public synchronized Evaluation evaluation() {
        return evaluation;
    }

    public synchronized Standing standing() {
        return standing;
    }

    /** Stores a fresh evaluation made at {@code now}. */
    public synchronized boolean evaluated(Evaluation fresh, Instant now) {
        evaluation = fresh;
        standing = fresh.standing();
        checkedAt = now;
        recheckClaimedAt = null;
        return true;
    }

    /**
     * Whether this request should re-check the store: the last answered check is
     * {@code recheck} old or more, and no other request of the session is re-checking (or its
     * re-check was claimed {@code timeout} ago or more, so the store call has given up). The
     * first request to ask claims the re-check, so parallel requests of one session read the
     * store once, not once each; the check time moves only when the store has answered
     * ({@link #confirmed}).
     */
    public synchronized boolean claimRecheck(Instant now, Duration recheck, Duration timeout) {
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
    public synchronized boolean confirmed(Instant claimedAt) {
        if (checkedAt == null || claimedAt.isAfter(checkedAt)) {
            checkedAt = claimedAt;
        }
        recheckClaimedAt = null;
        return true;
    }

    /**
     * Whether the standing was last confirmed by the store {@code bound} or longer before
     * {@code now} ({@code session.recheckSeconds + store.timeoutSeconds}): then no request may
     * be let through on it, while another request's re-check is still waiting for the store.
     */
    public synchronized boolean stale(Instant now, Duration bound) {
        return checkedAt == null || !now.isBefore(checkedAt.plus(bound));
    }

    /** Whether {@code action} differs from the last one reported for this session (report-only rollout); remembers it. */
    public synchronized boolean firstReport(String action) {
        if (action.equals(lastReported)) {
            return false;
        }
        lastReported = action;
        return true;
    }

    /** A code (or key) was proven at {@code now}, under {@code trustEpoch}: the session is verified. */
    public synchronized boolean verifiedByCode(Instant now, int trustEpoch) {
        evaluation = new Evaluation(Standing.VERIFIED, true, trustEpoch, null);
        standing = Standing.VERIFIED;
        codeEnteredAt = now;
        checkedAt = now;
        recheckClaimedAt = null;
        signInId = newToken(16);
        return true;
    }

    /** Remembers the device trusted from this session, for showing it as "this device". */
    public synchronized boolean trustedHere(String deviceId) {
        trustedHere = deviceId;
        return true;
    }

    /** The id of this browser's trusted device: trusted from this session, or the one it signed in with. */
    public synchronized String currentDevice() {
        if (trustedHere != null) {
            return trustedHere;
        }
        return evaluation == null ? null : evaluation.deviceId();
    }

    /** When a code was last proven in this session; null if none was. */
    public synchronized Instant codeEnteredAt() {
        return codeEnteredAt;
    }

    /** Whether a code was proven in this session within {@code window} before {@code now}. */
    public synchronized boolean recentlyVerified(Instant now, Duration window) {
        return codeEnteredAt != null && now.isBefore(codeEnteredAt.plus(window));
    }

    /** Whether a code was proven in this session within {@link #REVERIFY_WINDOW} before {@code now}. */
    public boolean recentlyVerified(Instant now) {
        return recentlyVerified(now, REVERIFY_WINDOW);
    }

    /** The id binding message codes to this sign-in, made when first asked for (then the value changed). */
    public synchronized String signInId() {
        if (signInId == null) {
            signInId = newToken(16);
        }
        return signInId;
    }

    /** Whether {@link #signInId()} has yet to be made (asking for it then changes the value). */
    public synchronized boolean lacksSignInId() {
        return signInId == null;
    }

    public synchronized boolean returnTo(String target) {
        returnTo = target;
        return true;
    }

    /** The saved return target, cleared (the value changed when it is not null). */
    public synchronized String takeReturnTo() {
        String target = returnTo;
        returnTo = null;
        return target;
    }

    /**
     * Marks a password-less sign-in waiting for its emailed code. A {@code ghost} is a name no
     * user has: it gets the same answers as a real user, but nothing is looked up or sent.
     */
    public synchronized boolean codeLogin(boolean isGhost) {
        codeLogin = true;
        ghost = isGhost;
        return true;
    }

    /** Whether this session is a password-less sign-in that has not yet proven its code. */
    public synchronized boolean codeLoginPending() {
        return codeLogin && standing != Standing.VERIFIED;
    }

    public synchronized boolean ghost() {
        return ghost;
    }

    /** The set-up secret shown on the scan page, kept until it is confirmed (never serialised). */
    public synchronized void pendingSetup(SetupSecret secret) {
        pendingSetup = secret;
    }

    public synchronized SetupSecret pendingSetup() {
        return pendingSetup;
    }

    /** Keeps {@code begun} until the browser answers, replacing any ceremony begun before. */
    public synchronized boolean beginCeremony(WebAuthnCeremony begun) {
        ceremony = begun;
        return true;
    }

    /**
     * The ceremony waiting for an answer, taken out: of any number of parallel answers, one
     * gets it (a challenge is single use); null when none waits (then nothing changed).
     */
    public synchronized WebAuthnCeremony takeCeremony() {
        WebAuthnCeremony taken = ceremony;
        ceremony = null;
        return taken;
    }

    /** Writes a consistent snapshot: no change of another request lands half-way. */
    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
    }

    private static String newToken(int bytes) {
        byte[] token = new byte[bytes];
        RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    @Override
    public synchronized String toString() {
        return "SignInState[user=" + user + ", standing=" + standing + "]";
    }
}
