package io.github.twostep.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twostep.internal.core.Decision.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole sign-in state machine without a container: every kind of visitor against every
 * endpoint, one row per visitor, one column per {@link Endpoint} (in declaration order), and the
 * step-up rules. The web layer only maps these answers to HTTP.
 */
class GuardTableTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final Guard GUARD = new Guard(GuardTest.settings("""
            {"login": {"mode": "builtin"}, "exempt": {"roles": ["api"], "paths": ["/", "/static/*"]},
             "admin": {"localOnly": true, "roles": ["admin"]},
             "stepUp": {"paths": ["/transfer/*", "/static/*"], "maxAgeMinutes": 5}}"""));
    private static final Guard DISABLED = new Guard(GuardTest.settings("""
            {"enabled": false, "login": {"mode": "builtin"}}"""));

    /** A kind of visitor: who they are and what their session holds. */
    enum Visitor {
        ANONYMOUS(null, "", null, false, false, "anonymous"),
        CODE_LOGIN("alice", "", null, true, false, "challenge"),
        EXEMPT("carol", "api", Standing.CHALLENGE, false, false, "exempt"),
        VERIFIED("alice", "", Standing.VERIFIED, false, false, "verified"),
        OPTIONAL("alice", "", Standing.OPTIONAL, false, false, "optional"),
        CHALLENGE("alice", "", Standing.CHALLENGE, false, false, "challenge"),
        ENROLL("alice", "", Standing.ENROLL, false, false, "enroll"),
        UNAVAILABLE("alice", "", Standing.UNAVAILABLE, false, false, "challenge"),
        ADMIN_HERE("root", "admin", Standing.VERIFIED, false, true, "verified"),
        ADMIN_REMOTE("root", "admin", Standing.VERIFIED, false, false, "verified"),
        ADMIN_CHALLENGED("root", "admin", Standing.CHALLENGE, false, true, "challenge");

        final String user;
        final Predicate<String> roles;
        final Standing standing;
        final boolean codeLogin;
        final boolean loopback;
        final String state;

        Visitor(String user, String role, Standing standing, boolean codeLogin, boolean loopback, String state) {
            this.user = user;
            this.roles = role::equals;
            this.standing = standing;
            this.codeLogin = codeLogin;
            this.loopback = loopback;
            this.state = state;
        }

        Visit to(Endpoint endpoint, String path, Instant codeEnteredAt) {
            return new Visit(endpoint, path, user, roles, standing, codeEnteredAt, codeLogin, loopback);
        }
    }

    // columns: APPLICATION ASSET STATUS LOGIN LOGOUT NOT_ME VERIFY VERIFY_PAGE SETUP ACCOUNT ADMIN OTHER
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ANONYMOUS        | LOGIN     PROCEED PROCEED PROCEED PROCEED PROCEED LOGIN   LOGIN   LOGIN     LOGIN     LOGIN     LOGIN",
        "CODE_LOGIN       | CHALLENGE PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED CHALLENGE CHALLENGE FORBIDDEN PROCEED",
        "EXEMPT           | PROCEED   PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED   PROCEED   FORBIDDEN PROCEED",
        "VERIFIED         | PROCEED   PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED   PROCEED   FORBIDDEN PROCEED",
        "OPTIONAL         | PROCEED   PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED   PROCEED   FORBIDDEN PROCEED",
        "CHALLENGE        | CHALLENGE PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED CHALLENGE CHALLENGE FORBIDDEN PROCEED",
        "ENROLL           | ENROLL    PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED ENROLL  PROCEED   ENROLL    FORBIDDEN PROCEED",
        "UNAVAILABLE      | DENY      PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED CHALLENGE CHALLENGE FORBIDDEN PROCEED",
        "ADMIN_HERE       | PROCEED   PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED   PROCEED   PROCEED   PROCEED",
        "ADMIN_REMOTE     | PROCEED   PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED   PROCEED   FORBIDDEN PROCEED",
        "ADMIN_CHALLENGED | CHALLENGE PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED PROCEED CHALLENGE CHALLENGE FORBIDDEN PROCEED"})
    void decideWhenVisitorMeetsEveryEndpointThenTheTableHolds(Visitor visitor, String row) {
        Action[] expected = Arrays.stream(row.trim().split("\\s+")).map(Action::valueOf).toArray(Action[]::new);
        Endpoint[] endpoints = Endpoint.values();
        assertEquals(endpoints.length, expected.length, "one column per endpoint");
        for (int i = 0; i < endpoints.length; i++) {
            Decision decision = GUARD.decide(visitor.to(endpoints[i], "/protected", NOW), NOW);
            assertEquals(expected[i], decision.action(), visitor + " at " + endpoints[i]);
            assertEquals(visitor.state, decision.state().wireName(), visitor + " at " + endpoints[i]);
        }
    }

    @ParameterizedTest
    @CsvSource({"VERIFIED", "CHALLENGE", "ENROLL", "OPTIONAL", "UNAVAILABLE"})
    void decideWhenDisabledAppWideThenEverySignedInUserProceedsAsDisabled(Standing standing) {
        for (Endpoint endpoint : Endpoint.values()) {
            Visit visit = new Visit(endpoint, "/protected", "alice", role -> false, standing, null, false, true);
            Decision decision = DISABLED.decide(visit, NOW);
            Action expected = endpoint == Endpoint.ADMIN ? Action.FORBIDDEN : Action.PROCEED;
            assertEquals(expected, decision.action(), endpoint.name());
            assertEquals(State.DISABLED, decision.state());
        }
    }

    @ParameterizedTest
    @CsvSource({
        // visitor, path, minutes since the last code (-1: none in this session), action
        "VERIFIED, /transfer/now, 1, PROCEED",
        "VERIFIED, /transfer/now, 5, STEP_UP",
        "VERIFIED, /transfer/now, 30, STEP_UP",
        "VERIFIED, /transfer/now, -1, STEP_UP",
        "VERIFIED, /protected, -1, PROCEED",
        "VERIFIED, /static/app.css, -1, PROCEED",
        "OPTIONAL, /transfer/now, -1, ENROLL",
        "OPTIONAL, /protected, -1, PROCEED",
        "CHALLENGE, /transfer/now, -1, CHALLENGE",
        "EXEMPT, /transfer/now, -1, PROCEED",
        "ANONYMOUS, /transfer/now, -1, LOGIN",
        "UNAVAILABLE, /transfer/now, -1, DENY"})
    void decideWhenStepUpPathThenAFreshCodeIsNeeded(Visitor visitor, String path, int minutesAgo, Action action) {
        Instant entered = minutesAgo < 0 ? null : NOW.minus(Duration.ofMinutes(minutesAgo));

        Decision decision = GUARD.decide(visitor.to(Endpoint.APPLICATION, path, entered), NOW);

        assertEquals(action, decision.action());
        assertEquals(visitor.state, decision.state().wireName(), "step-up never changes the state");
    }

    @Test
    void decideWhenReportOnlyAndStepUpDueThenProceedAndReportIt() {
        Guard rollout = new Guard(GuardTest.settings("{\"reportOnly\": true, \"stepUp\": {\"paths\": [\"/transfer/*\"]}}"));

        Decision decision = rollout.decide(Visitor.VERIFIED.to(Endpoint.APPLICATION, "/transfer/now", null), NOW);

        assertEquals(new Decision(Action.PROCEED, State.VERIFIED, Action.STEP_UP), decision);
    }
}
