package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.internal.core.Evaluation;
import io.github.twostep.internal.core.SetupSecret;
import io.github.twostep.internal.core.SignInState;
import io.github.twostep.internal.core.Standing;
import io.github.twostep.login.AuthenticatedUser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every attribute TwoStep puts in an HTTP session survives Java serialization, as a container
 * that persists sessions or shares them between nodes does it: in each standing, and in the
 * half-signed-in states of password-less login.
 */
class SignInSessionSerializationTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @ParameterizedTest
    @EnumSource(Standing.class)
    void serializeWhenEvaluatedThenEveryFactSurvives(Standing standing) throws Exception {
        SignInSession original = new SignInSession();
        original.follow("alice");
        original.evaluated(new Evaluation(standing, true, 7, "device-1", 3), NOW);
        original.returnTo("/protected?tab=1");
        String signInId = original.signInId();

        SignInSession copy = roundTrip(original);

        assertEquals("alice", copy.user());
        assertEquals(standing, copy.standing());
        assertEquals(original.evaluation(), copy.evaluation());
        assertEquals(original.csrfToken(), copy.csrfToken());
        assertEquals(signInId, copy.signInId());
        assertEquals("device-1", copy.currentDevice());
        assertFalse(copy.claimRecheck(NOW.plusSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(5)),
                "the re-check time survives");
        assertEquals("/protected?tab=1", copy.takeReturnTo());
    }

    @Test
    void serializeWhenSignedInThenTheSessionLifetimeSurvives() throws Exception {
        SignInSession original = new SignInSession();
        original.follow("alice");
        original.touch(NOW, Duration.ofMinutes(30), Duration.ofHours(12));

        SignInSession copy = roundTrip(original);

        assertEquals(SignInState.Lifetime.ABSOLUTE,
                copy.touch(NOW.plus(Duration.ofHours(12)), Duration.ZERO, Duration.ofHours(12)),
                "the sign-in time survives, so another node ends the session on time");
    }

    @Test
    void serializeWhenVerifiedByCodeThenTheReverificationWindowSurvives() throws Exception {
        SignInSession original = new SignInSession();
        original.follow("bob");
        original.verifiedByCode(NOW, 4);
        original.trustedHere("trusted-here");
        original.firstReport("CHALLENGE");

        SignInSession copy = roundTrip(original);

        assertEquals(Standing.VERIFIED, copy.standing());
        assertTrue(copy.recentlyVerified(NOW.plusSeconds(60)));
        assertFalse(copy.recentlyVerified(NOW.plus(Duration.ofMinutes(6))));
        assertEquals("trusted-here", copy.currentDevice());
        assertFalse(copy.firstReport("CHALLENGE"), "the last report-only action survives");
    }

    @ParameterizedTest
    @EnumSource(value = Ghost.class)
    void serializeWhenPasswordlessSignInIsPendingThenItStaysPending(Ghost ghost) throws Exception {
        SignInSession original = new SignInSession();
        original.follow("carol");
        original.codeLogin(ghost == Ghost.UNKNOWN_NAME);

        SignInSession copy = roundTrip(original);

        assertTrue(copy.codeLoginPending());
        assertEquals(ghost == Ghost.UNKNOWN_NAME, copy.ghost());
    }

    @Test
    void serializeWhenSetUpIsPendingThenTheSecretIsNotWritten() throws Exception {
        SignInSession original = new SignInSession();
        original.follow("dave");
        original.pendingSetup(new SetupSecret("JBSWY3DPEHPK3PXP", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"));

        byte[] bytes = serialize(original);

        assertFalse(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("JBSWY3DPEHPK3PXP"),
                "a set-up secret shown on the page never reaches the session store");
        assertNull(deserialize(bytes).pendingSetup());
    }

    @Test
    void serializeWhenBuiltinUserIsKeptThenNameAndRolesSurvive() throws Exception {
        AuthenticatedUser user = new AuthenticatedUser("admin", Set.of("admin", "api"));

        AuthenticatedUser copy = (AuthenticatedUser) deserializeObject(serializeObject(user));

        assertEquals(user, copy);
    }

    @Test
    void followWhenAnotherUserSignsInThenTheCopyForgetsTheFirst() throws Exception {
        SignInSession original = new SignInSession();
        original.follow("alice");
        original.verifiedByCode(NOW, 1);
        SignInSession copy = roundTrip(original);

        copy.follow("mallory");

        assertNull(copy.standing());
        assertNotEquals(original.signInId(), copy.signInId());
    }

    enum Ghost { KNOWN_NAME, UNKNOWN_NAME }

    private static SignInSession roundTrip(SignInSession session) throws IOException, ClassNotFoundException {
        return deserialize(serialize(session));
    }

    private static byte[] serialize(SignInSession session) throws IOException {
        return serializeObject(session);
    }

    private static SignInSession deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        return (SignInSession) deserializeObject(bytes);
    }

    private static byte[] serializeObject(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object deserializeObject(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
