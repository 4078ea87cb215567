package io.github.twostep.internal.core;

import io.github.twostep.config.AdminSettings;
import io.github.twostep.config.LoginMode;
import io.github.twostep.config.Settings;
import io.github.twostep.internal.core.Decision.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The sign-in's rules in one place: for every request, to the application or to TwoStep's own
 * pages and calls, what happens and in which state. Free of servlet types and of store reads:
 * the user's {@link Standing} comes from the session (worked out from the record at sign-in and
 * re-checked), so deciding costs nothing but a few comparisons.
 *
 * <p>The order is fixed: no user → not signed in; a password-less sign-in whose code is not
 * proven → the challenge (the code is the first factor too, so nothing below lets it through);
 * 2FA off app-wide → disabled; an exempt user → exempt; otherwise the standing, then step-up.
 * Report-only rollout turns every refusal of an application path into a reported one.
 */
public final class Guard {
    private final Settings settings;
    private final PathPatterns exemptPaths;
    private final PathPatterns stepUpPaths;
    private final Duration stepUpAge;

    public Guard(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.exemptPaths = new PathPatterns(settings.exempt().paths());
        this.stepUpPaths = new PathPatterns(settings.stepUp().paths());
        this.stepUpAge = Duration.ofMinutes(settings.stepUp().maxAgeMinutes());
    }

    /** The decision for {@code visit} at {@code now}. */
    public Decision decide(Visit visit, Instant now) {
        Objects.requireNonNull(visit, "visit");
        Objects.requireNonNull(now, "now");
        State state = stateOf(visit);
        if (visit.endpoint() == Endpoint.APPLICATION) {
            return application(visit, state, now);
        }
        return Decision.of(ownEndpoint(visit, state), state);
    }

    /** Where the visitor stands, whatever they ask for. */
    private State stateOf(Visit visit) {
        if (visit.user() == null) {
            return State.ANONYMOUS;
        }
        if (visit.codeLoginPending()) {
            return State.CHALLENGE;
        }
        if (!settings.enabled()) {
            return State.DISABLED;
        }
        if (isExemptUser(visit.user(), visit.roles())) {
            return State.EXEMPT;
        }
        return Objects.requireNonNull(visit.standing(), "standing").state();
    }

    private Decision application(Visit visit, State state, Instant now) {
        boolean exemptPath = exemptPaths.matches(visit.path());
        if (state == State.ANONYMOUS) {
            boolean mustLogIn = settings.login().mode() == LoginMode.BUILTIN && !exemptPath;
            return Decision.of(mustLogIn ? Action.LOGIN : Action.PROCEED, state);
        }
        if (visit.codeLoginPending()) {
            return Decision.of(exemptPath ? Action.PROCEED : Action.CHALLENGE, state);
        }
        if (state == State.DISABLED || state == State.EXEMPT || exemptPath) {
            return Decision.of(Action.PROCEED, state);
        }
        Action action = actionFor(visit.standing());
        if (action == Action.PROCEED && stepUpPaths.matches(visit.path())) {
            action = stepUp(visit, now);
        }
        if (settings.reportOnly() && action != Action.PROCEED) {
            return new Decision(Action.PROCEED, state, action);
        }
        return Decision.of(action, state);
    }

    /**
     * A step-up path for a user who may otherwise proceed: one without a second factor sets one
     * up; one verified without a code in this session lately (a trusted device enters none)
     * enters one now.
     */
    private Action stepUp(Visit visit, Instant now) {
        if (visit.standing() == Standing.OPTIONAL) {
            return Action.ENROLL;
        }
        Instant entered = visit.codeEnteredAt();
        return entered != null && now.isBefore(entered.plus(stepUpAge)) ? Action.PROCEED : Action.STEP_UP;
    }

    private Action ownEndpoint(Visit visit, State state) {
        switch (visit.endpoint()) {
            case ASSET, STATUS, LOGIN, LOGOUT, NOT_ME -> {
                return Action.PROCEED;
            }
            default -> {
                if (state == State.ANONYMOUS) {
                    return Action.LOGIN;
                }
            }
        }
        return switch (visit.endpoint()) {
            case VERIFY, OTHER -> Action.PROCEED;
            case VERIFY_PAGE -> state == State.ENROLL ? Action.ENROLL : Action.PROCEED;
            case SETUP -> state == State.CHALLENGE ? Action.CHALLENGE : Action.PROCEED;
            case ACCOUNT -> fullySignedIn(state) ? Action.PROCEED
                    : state == State.ENROLL ? Action.ENROLL : Action.CHALLENGE;
            case ADMIN -> mayAdminister(visit, state) ? Action.PROCEED : Action.FORBIDDEN;
            default -> throw new IllegalStateException("unhandled endpoint " + visit.endpoint());
        };
    }

    /** Fully signed in, in an admin role, and from this machine unless {@code admin.localOnly} is off. */
    private boolean mayAdminister(Visit visit, State state) {
        AdminSettings admin = settings.admin();
        return fullySignedIn(state) && admin.roles().stream().anyMatch(visit.roles())
                && (!admin.localOnly() || visit.loopback());
    }

    /** Whether {@code state} is fully signed in: the second factor proven, or not needed. */
    public static boolean fullySignedIn(State state) {
        return state == State.VERIFIED || state == State.OPTIONAL || state == State.EXEMPT
                || state == State.DISABLED;
    }

    /** Whether {@code user} never needs a second factor, by name or by role. */
    public boolean isExemptUser(String user, Predicate<String> hasRole) {
        if (settings.exempt().users().contains(user)) {
            return true;
        }
        for (String role : settings.exempt().roles()) {
            if (hasRole.test(role)) {
                return true;
            }
        }
        return false;
    }

    private static Action actionFor(Standing standing) {
        return switch (standing) {
            case VERIFIED, OPTIONAL -> Action.PROCEED;
            case CHALLENGE -> Action.CHALLENGE;
            case ENROLL -> Action.ENROLL;
            case UNAVAILABLE -> Action.DENY;
        };
    }
}
