package io.github.twostep.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import io.github.twostep.internal.core.Decision.Action;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuardTest {
    private static final Predicate<String> NO_ROLES = role -> false;

    static Settings settings(String json) {
        return new SettingsLoader(name -> null)
                .load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    /** The decision for an application path, as the filter asks for it. */
    static Decision app(Guard guard, String path, String user, Predicate<String> roles, Standing standing) {
        return guard.decide(new Visit(Endpoint.APPLICATION, path, user, roles, standing, null, false, true), NOW);
    }

    private static final Guard BUILTIN = new Guard(settings("""
            {"login": {"mode": "builtin"}, "exempt": {"roles": ["api"], "users": ["robot"],
             "paths": ["/", "/static/*"]}}"""));

    @ParameterizedTest
    @CsvSource({
        "VERIFIED, PROCEED, verified",
        "OPTIONAL, PROCEED, optional",
        "CHALLENGE, CHALLENGE, challenge",
        "ENROLL, ENROLL, enroll",
        "UNAVAILABLE, DENY, challenge"})
    void decideWhenSignedInThenActionFollowsStanding(Standing standing, Action action, String state) {
        Decision decision = app(BUILTIN, "/protected", "alice", NO_ROLES, standing);

        assertEquals(action, decision.action());
        assertEquals(state, decision.state().wireName());
        assertEquals(action, decision.reported());
    }

    @Test
    void decideWhenAnonymousOnGuardedPathWithBuiltinLoginThenLogin() {
        assertEquals(Decision.of(Action.LOGIN, State.ANONYMOUS), app(BUILTIN, "/protected", null, NO_ROLES, null));
    }

    @Test
    void decideWhenAnonymousOnExemptPathThenProceed() {
        assertEquals(Decision.of(Action.PROCEED, State.ANONYMOUS), app(BUILTIN, "/static/a.css", null, NO_ROLES, null));
        assertEquals(Decision.of(Action.PROCEED, State.ANONYMOUS), app(BUILTIN, "/", null, NO_ROLES, null));
    }

    @Test
    void decideWhenAnonymousWithExternalLoginThenContainerDecides() {
        Guard external = new Guard(settings("{\"login\": {\"mode\": \"external\"}}"));

        assertEquals(Action.PROCEED, app(external, "/protected", null, NO_ROLES, null).action());
    }

    @Test
    void decideWhenChallengedOnExemptPathThenProceedKeepingState() {
        Decision decision = app(BUILTIN, "/", "alice", NO_ROLES, Standing.CHALLENGE);

        assertEquals(Decision.of(Action.PROCEED, State.CHALLENGE), decision);
    }

    @Test
    void decideWhenChallengedOnTraversalOutOfExemptPathThenChallenge() {
        assertEquals(Action.CHALLENGE, app(BUILTIN, "/static/../protected", "alice", NO_ROLES,
                Standing.CHALLENGE).action());
    }

    @Test
    void decideWhenExemptRoleOrUserThenProceedExempt() {
        Set<String> roles = Set.of("api");

        assertEquals(Decision.of(Action.PROCEED, State.EXEMPT),
                app(BUILTIN, "/protected", "carol", roles::contains, Standing.CHALLENGE));
        assertEquals(Decision.of(Action.PROCEED, State.EXEMPT),
                app(BUILTIN, "/protected", "robot", NO_ROLES, Standing.ENROLL));
    }

    @Test
    void decideWhenDisabledAppWideThenProceedDisabled() {
        Guard off = new Guard(settings("{\"enabled\": false, \"login\": {\"mode\": \"builtin\"}}"));

        assertEquals(Decision.of(Action.LOGIN, State.ANONYMOUS), app(off, "/protected", null, NO_ROLES, null),
                "built-in login is the first factor: turning 2FA off must not turn sign-in off");
        assertEquals(Decision.of(Action.PROCEED, State.DISABLED),
                app(off, "/protected", "alice", NO_ROLES, Standing.CHALLENGE));
    }

    @Test
    void decideWhenReportOnlyThenProceedButReportBlockingAction() {
        Guard rollout = new Guard(settings("{\"reportOnly\": true}"));

        Decision decision = app(rollout, "/protected", "alice", NO_ROLES, Standing.CHALLENGE);

        assertEquals(new Decision(Action.PROCEED, State.CHALLENGE, Action.CHALLENGE), decision);
    }

    @Test
    void decideWhenSignedInWithoutStandingThenRejected() {
        assertThrows(NullPointerException.class, () -> app(BUILTIN, "/protected", "alice", NO_ROLES, null));
    }
}
