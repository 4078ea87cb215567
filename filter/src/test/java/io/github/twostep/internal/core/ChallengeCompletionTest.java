package io.github.twostep.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.internal.core.CoreFixture.Enrolled;
import io.github.twostep.internal.store.InMemoryUserDataStore;
import io.github.twostep.store.UserDataStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Completing a challenge with "trust this device" verifies and trusts in one compare-and-set. */
class ChallengeCompletionTest {
    private final CountingStore store = new CountingStore();
    private final CoreFixture fixture = new CoreFixture("{\"trustThisDevice\": 30}", store);
    private final Evaluation challenged = new Evaluation(Standing.CHALLENGE, true, 0, null);

    @Test
    void completeWhenCodeRightAndTrustAskedThenOneWriteVerifiesAndTrusts() {
        Enrolled alice = fixture.enrolWithApp("alice");
        fixture.clock.advance(Duration.ofSeconds(30));
        store.writes.set(0);

        ChallengeCompletion done = fixture.accounts.completeChallenge("alice", fixture.code(alice.secret(), 0),
                "sign-in", challenged, true, CoreFixture.CALLER);

        assertTrue(done.outcome().isVerified());
        assertNotNull(done.trust());
        assertEquals(1, store.writes.get(), "the code, its step and the new device in one compare-and-set");
        assertEquals(Duration.ofDays(30), Duration.between(done.trust().device().created(), done.trust().device().expires()));
        assertEquals(Standing.VERIFIED,
                fixture.accounts.evaluate("alice", done.trust().token(), CoreFixture.CALLER).standing(),
                "the cookie's token signs the browser in next time");
    }

    @Test
    void completeWhenCodeWrongThenNothingTrusted() {
        fixture.enrolWithApp("alice");
        fixture.clock.advance(Duration.ofSeconds(30));

        ChallengeCompletion done = fixture.accounts.completeChallenge("alice", "000000x", "sign-in", challenged, true,
                CoreFixture.CALLER);

        assertEquals(VerifyOutcome.Result.INVALID, done.outcome().result());
        assertNull(done.trust());
        assertTrue(fixture.accounts.devices("alice").isEmpty());
    }

    @Test
    void completeWhenTrustNotAskedThenNoDevice() {
        Enrolled alice = fixture.enrolWithApp("alice");
        fixture.clock.advance(Duration.ofSeconds(30));

        ChallengeCompletion done = fixture.accounts.completeChallenge("alice", fixture.code(alice.secret(), 0),
                "sign-in", challenged, false, CoreFixture.CALLER);

        assertTrue(done.outcome().isVerified());
        assertNull(done.trust());
        assertTrue(fixture.accounts.devices("alice").isEmpty());
    }

    /** The in-memory store, counting the writes that went through. */
    private static final class CountingStore implements UserDataStore {
        final InMemoryUserDataStore inner = new InMemoryUserDataStore();
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public Optional<String> read(String username) {
            return inner.read(username);
        }

        @Override
        public boolean compareAndSet(String username, String expected, String replacement) {
            boolean done = inner.compareAndSet(username, expected, replacement);
            if (done) {
                writes.incrementAndGet();
            }
            return done;
        }
    }
}
