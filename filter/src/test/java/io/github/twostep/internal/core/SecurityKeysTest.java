package io.github.twostep.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.AccountSummary;
import io.github.twostep.audit.AuditEvent.Type;
import io.github.twostep.internal.store.InMemoryUserDataStore;
import io.github.twostep.internal.store.SecurityKey;
import io.github.twostep.store.UserDataStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Security keys end to end in core, with a software authenticator (JDK keys, webauthn4j's
 * converters; webauthn4j itself does the checking): register, verify at the challenge, passkey
 * sign-in, and every way an assertion must be refused.
 */
class SecurityKeysTest {
    static final String ORIGIN = "https://app.example.com";
    static final String SETTINGS = "{\"paths\": {\"publicUrl\": \"" + ORIGIN + "/shop\"}, \"login\": {\"mode\": \"builtin\"},"
            + " \"verify\": {\"webauthn\": {\"enabled\": true, \"passkeyLogin\": true, \"maxKeys\": 2}}}";
    private final CoreFixture fixture = new CoreFixture(SETTINGS);
    private final Accounts accounts = fixture.accounts;

    private KeyRegistration register(String user, SoftwareAuthenticator key) {
        KeyOptions options = accounts.keyRegistrationOptions(user).orElseThrow();
        return accounts.registerKey(user, options.ceremony(), key.register(options.json()), "My key",
                CoreFixture.CALLER);
    }

    private ChallengeCompletion verify(String user, SoftwareAuthenticator key) {
        KeyOptions options = accounts.keyAuthenticationOptions(user).orElseThrow();
        return accounts.completeKeyChallenge(user, options.ceremony(), key.authenticate(options.json()), false,
                CoreFixture.CALLER);
    }

    private int failures(String user) {
        return accounts.summary(user).failedAttempts();
    }

    @Test
    void registerWhenFirstFactorThenTwoStepOnWithBackupCodesAndRelyingPartyFromPublicUrl() {
        SoftwareAuthenticator key = new SoftwareAuthenticator(ORIGIN, false);
        KeyOptions options = accounts.keyRegistrationOptions("alice").orElseThrow();
        assertTrue(options.json().contains("\"rp\":{\"id\":\"app.example.com\""), options.json());
        assertFalse(options.json().contains("\"id\":\"alice\""), "the user handle is never the name");

        KeyRegistration done = accounts.registerKey("alice", options.ceremony(), key.register(options.json()),
                "YubiKey", CoreFixture.CALLER);

        assertEquals(KeyRegistration.Result.REGISTERED, done.result());
        assertEquals(10, done.backupCodes().size());
        assertEquals("YubiKey", done.key().name());
        AccountSummary summary = accounts.summary("alice");
        assertTrue(summary.enrolled());
        assertEquals(List.of("webauthn"), summary.methods());
        assertEquals(1, summary.keys());
        assertTrue(fixture.audit.recent("alice", 10).stream().anyMatch(e -> e.event() == Type.WEBAUTHN_REGISTERED));
    }

    @Test
    void registerWhenExtraKeyThenNoBackupCodesAndMaxKeysKept() {
        fixture.enrolWithApp("alice");
        assertEquals(KeyRegistration.Result.REGISTERED, register("alice", new SoftwareAuthenticator(ORIGIN, false))
                .result());
        KeyRegistration second = register("alice", new SoftwareAuthenticator(ORIGIN, false));
        assertTrue(second.backupCodes().isEmpty());
        assertEquals(KeyRegistration.Result.REGISTERED, second.result());
        assertTrue(accounts.keyRegistrationOptions("alice").isEmpty(), "maxKeys 2 reached");
        assertEquals(List.of("app", "email", "webauthn"), accounts.summary("alice").methods());
    }

    @Test
    void registerWhenWrongOriginOrCeremonyOfAnotherUserOrExpiredThenRefused() {
        KeyOptions options = accounts.keyRegistrationOptions("alice").orElseThrow();
        String foreign = new SoftwareAuthenticator("https://phish.example.net", false).register(options.json());
        assertEquals(KeyRegistration.Result.INVALID,
                accounts.registerKey("alice", options.ceremony(), foreign, "k", CoreFixture.CALLER).result());
        String good = new SoftwareAuthenticator(ORIGIN, false).register(options.json());
        assertEquals(KeyRegistration.Result.NO_CEREMONY,
                accounts.registerKey("bob", options.ceremony(), good, "k", CoreFixture.CALLER).result());
        fixture.clock.advance(Duration.ofMinutes(5));
        assertEquals(KeyRegistration.Result.NO_CEREMONY,
                accounts.registerKey("alice", options.ceremony(), good, "k", CoreFixture.CALLER).result());
        assertTrue(accounts.securityKeys("alice").isEmpty());
    }

    @Test
    void verifyWhenKeySignsThenVerifiedCounterKeptAndSameAssertionRefusedAfter() {
        SoftwareAuthenticator key = new SoftwareAuthenticator(ORIGIN, false);
        register("alice", key);
        KeyOptions options = accounts.keyAuthenticationOptions("alice").orElseThrow();
        assertTrue(options.json().contains(key.id()), "the user's keys are allowed");
        String assertion = key.authenticate(options.json());

        ChallengeCompletion done = accounts.completeKeyChallenge("alice", options.ceremony(), assertion, false,
                CoreFixture.CALLER);

        assertTrue(done.outcome().isVerified());
        assertEquals(VerifyOutcome.Factor.SECURITY_KEY, done.outcome().factor());
        SecurityKey stored = accounts.securityKeys("alice").get(0);
        assertEquals(2, stored.signCount());
        assertNotNull(stored.lastUsed());
        ChallengeCompletion replay = accounts.completeKeyChallenge("alice", options.ceremony(), assertion, false,
                CoreFixture.CALLER);
        assertEquals(VerifyOutcome.Result.INVALID, replay.outcome().result());
        assertTrue(fixture.audit.recent("alice", 20).stream().anyMatch(e -> e.event() == Type.WEBAUTHN_COUNTER_ERROR));
    }

    @Test
    void verifyWhenPasskeyKeepsNoCounterThenSignedChallengeStillAcceptedOnce() {
        SoftwareAuthenticator passkey = new SoftwareAuthenticator(ORIGIN, true);
        register("alice", passkey);
        KeyOptions options = accounts.keyAuthenticationOptions("alice").orElseThrow();
        String assertion = passkey.authenticate(options.json());
        assertTrue(accounts.completeKeyChallenge("alice", options.ceremony(), assertion, false, CoreFixture.CALLER)
                .outcome().isVerified());
        assertFalse(accounts.completeKeyChallenge("alice", options.ceremony(), assertion, false, CoreFixture.CALLER)
                .outcome().isVerified(), "the same signed challenge again");
        assertTrue(verify("alice", passkey).outcome().isVerified(), "a new challenge, counter still 0");
    }

    @Test
    void verifyWhenKeyNotRegisteredForTheUserThenInvalidAndCounted() {
        register("alice", new SoftwareAuthenticator(ORIGIN, false));
        SoftwareAuthenticator bobsKey = new SoftwareAuthenticator(ORIGIN, false);
        register("bob", bobsKey);

        KeyOptions options = accounts.keyAuthenticationOptions("alice").orElseThrow();
        assertEquals(VerifyOutcome.Result.INVALID, accounts.completeKeyChallenge("alice", options.ceremony(),
                bobsKey.authenticate(options.json()), false, CoreFixture.CALLER).outcome().result());
        assertEquals(1, failures("alice"));
    }

    @Test
    void verifyWhenUsersKeySignsOnAPhishingPageThenInvalidAndCounted() {
        SoftwareAuthenticator key = new SoftwareAuthenticator(ORIGIN, false);
        register("alice", key);
        key.onOrigin("https://app-example.com.phish.example.net");

        assertEquals(VerifyOutcome.Result.INVALID, verify("alice", key).outcome().result());
        assertEquals(1, failures("alice"));
    }

    @Test
    void verifyWhenNoCeremonyOrExpiredThenInvalidAndNotCounted() {
        SoftwareAuthenticator key = new SoftwareAuthenticator(ORIGIN, false);
        register("alice", key);
        KeyOptions options = accounts.keyAuthenticationOptions("alice").orElseThrow();
        String assertion = key.authenticate(options.json());
        assertFalse(accounts.completeKeyChallenge("alice", null, assertion, false, CoreFixture.CALLER).outcome()
                .isVerified());
        fixture.clock.advance(Duration.ofMinutes(5));
        assertFalse(accounts.completeKeyChallenge("alice", options.ceremony(), assertion, false, CoreFixture.CALLER)
                .outcome().isVerified());
        assertEquals(0, failures("alice"));
    }

    @Test
    void verifyWhenCounterGoesBackwardsThenRefusedAndAudited() {
        SoftwareAuthenticator key = new SoftwareAuthenticator(ORIGIN, false);
        register("alice", key);
        key.counter(41);
        assertTrue(verify("alice", key).outcome().isVerified());
        key.counter(10);
        assertEquals(VerifyOutcome.Result.INVALID, verify("alice", key).outcome().result());
        assertTrue(fixture.audit.recent("alice", 20).stream().anyMatch(e -> e.event() == Type.WEBAUTHN_COUNTER_ERROR));
        assertEquals(42, accounts.securityKeys("alice").get(0).signCount());
    }

    @Test
    void verifyWhenTwentySubmitTheSameAssertionAtOnceThenExactlyOneSucceeds() throws Exception {
        for (boolean counterless : new boolean[] {false, true}) {
            String user = counterless ? "carol" : "dave";
            SoftwareAuthenticator key = new SoftwareAuthenticator(ORIGIN, counterless);
            register(user, key);
            KeyOptions options = accounts.keyAuthenticationOptions(user).orElseThrow();
            String assertion = key.authenticate(options.json());
            ExecutorService pool = Executors.newFixedThreadPool(20);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Callable<Boolean> attempt = () -> {
                    start.await();
                    return accounts.completeKeyChallenge(user, options.ceremony(), assertion, false,
                            CoreFixture.CALLER).outcome().isVerified();
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            int verified = 0;
            for (Future<Boolean> result : results) {
                verified += result.get() ? 1 : 0;
            }
            pool.shutdown();
            assertEquals(1, verified, counterless ? "a passkey without counter" : "a key with a counter");
        }
    }

    @Test
    void passkeyLoginWhenHandleAndKeyMatchThenBothFactorsElseNobody() {
        SoftwareAuthenticator passkey = new SoftwareAuthenticator(ORIGIN, true);
        register("alice", passkey);
        KeyOptions options = accounts.passkeyLoginOptions().orElseThrow();
        assertTrue(options.json().contains("\"userVerification\":\"required\""));

        Optional<PasskeySignIn> signedIn = accounts.passkeyLogin(options.ceremony(),
                passkey.authenticate(options.json()), CoreFixture.CALLER);

        assertEquals("alice", signedIn.orElseThrow().user());
        SoftwareAuthenticator stranger = new SoftwareAuthenticator(ORIGIN, true);
        stranger.register(accounts.keyRegistrationOptions("bob").orElseThrow().json());
        KeyOptions again = accounts.passkeyLoginOptions().orElseThrow();
        assertTrue(accounts.passkeyLogin(again.ceremony(), stranger.authenticate(again.json()), CoreFixture.CALLER)
                .isEmpty(), "bob's handle, but a key bob never registered");
        assertTrue(accounts.passkeyLogin(again.ceremony(), passkey.authenticate(options.json()), CoreFixture.CALLER)
                .isEmpty(), "signed over another ceremony's challenge");
    }

    @Test
    void removeWhenOnlyFactorThenRefusedElseRemovedAndNoticeSent() {
        SoftwareAuthenticator key = new SoftwareAuthenticator(ORIGIN, false);
        String id = register("alice", key).key().id();
        assertEquals(Accounts.KeyRemoval.LAST_FACTOR, accounts.removeKey("alice", id, CoreFixture.CALLER));
        String second = register("alice", new SoftwareAuthenticator(ORIGIN, false)).key().id();
        assertTrue(accounts.renameKey("alice", second, "Backup key", CoreFixture.CALLER));
        assertEquals(Accounts.KeyRemoval.REMOVED, accounts.removeKey("alice", id, CoreFixture.CALLER));
        assertEquals(Accounts.KeyRemoval.NOT_FOUND, accounts.removeKey("alice", id, CoreFixture.CALLER));
        assertEquals("Backup key", accounts.securityKeys("alice").get(0).name());
        assertTrue(fixture.outbox.sent.stream().anyMatch(m -> m.subject().contains("removed")));
        accounts.reset("alice", CoreFixture.CALLER);
        assertTrue(accounts.securityKeys("alice").isEmpty(), "reset removes keys");
    }

    @Test
    void registerWhenRecordWouldNotFitTheColumnThenTooLargeAndNothingWritten() {
        UserDataStore small = new UserDataStore() {
            final InMemoryUserDataStore inner = new InMemoryUserDataStore();

            @Override
            public Optional<String> read(String username) {
                return inner.read(username);
            }

            @Override
            public boolean compareAndSet(String username, String expected, String replacement) {
                return inner.compareAndSet(username, expected, replacement);
            }

            @Override
            public OptionalInt maxCommentLength() {
                return OptionalInt.of(700);
            }
        };
        CoreFixture tight = new CoreFixture(SETTINGS, small);
        KeyOptions options = tight.accounts.keyRegistrationOptions("alice").orElseThrow();
        KeyRegistration done = tight.accounts.registerKey("alice", options.ceremony(),
                new SoftwareAuthenticator(ORIGIN, false).register(options.json()), "k", CoreFixture.CALLER);
        assertEquals(KeyRegistration.Result.TOO_LARGE, done.result());
        assertTrue(tight.accounts.securityKeys("alice").isEmpty());
    }
}
