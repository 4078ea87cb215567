package io.github.twostep.core;

import io.github.twostep.config.LoginMode;
import io.github.twostep.config.Settings;
import io.github.twostep.core.Decision.Action;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Decides what happens to one request for an application page: the whole rule set of the
 * filter, free of servlet types. The user's {@link Standing} comes from the session (worked
 * out from the record at sign-in and re-checked), so deciding costs no store read.
 */
public final class Guard {
    private final Settings settings;
    private final PathPatterns exemptPaths;

    public Guard(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.exemptPaths = new PathPatterns(settings.exempt().paths());
    }

    /**
     * The decision for a request to {@code path} (normalised, relative to the application) by
     * {@code user} (null: not signed in) whose roles {@code hasRole} answers, standing at
     * {@code standing} (ignored when there is no user).
     */
    public Decision decide(String path, String user, Predicate<String> hasRole, Standing standing) {
        boolean exemptPath = exemptPaths.matches(path);
        if (user == null) {
            boolean mustLogIn = settings.login().mode() == LoginMode.BUILTIN && !exemptPath;
            return Decision.of(mustLogIn ? Action.LOGIN : Action.PROCEED, State.ANONYMOUS);
        }
        if (!settings.enabled()) {
            return Decision.of(Action.PROCEED, State.DISABLED);
        }
        if (isExemptUser(user, hasRole)) {
            return Decision.of(Action.PROCEED, State.EXEMPT);
        }
        Objects.requireNonNull(standing, "standing");
        Action action = exemptPath ? Action.PROCEED : actionFor(standing);
        if (settings.reportOnly() && action != Action.PROCEED) {
            return new Decision(Action.PROCEED, standing.state(), action);
        }
        return Decision.of(action, standing.state());
    }

    /**
     * The decision for a password-less sign-in whose emailed code is not yet proven: the code is
     * the first factor too, so no exemption, report-only rollout or {@code enabled: false} lets
     * it through; only exempt paths are reachable.
     */
    public Decision decideCodeLogin(String path) {
        return Decision.of(exemptPaths.matches(path) ? Action.PROCEED : Action.CHALLENGE, State.CHALLENGE);
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
