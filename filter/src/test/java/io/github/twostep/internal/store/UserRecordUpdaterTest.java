package io.github.twostep.internal.store;

import static io.github.twostep.internal.store.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.store.CorruptRecordException;
import io.github.twostep.store.UnknownUserException;
import io.github.twostep.store.UpdateConflictException;
import io.github.twostep.store.UserDataStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UserRecordUpdaterTest {
    private final String key = Fixtures.keyText("k1");
    private final KeyRing ring = KeyRing.parse(key, List.of());
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryUserDataStore store = new InMemoryUserDataStore();
    private final UserRecordUpdater updater = new UserRecordUpdater(store, ring, clock);
    private final SecretCipher cipher = new SecretCipher(ring);

    @Test
    void imitateUpdateWhenNameHasNoRecordThenReadsItOnceAndWritesNothing() {
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        UserDataStore counting = new UserDataStore() {
            @Override
            public Optional<String> read(String username) {
                reads.incrementAndGet();
                return store.read(username);
            }

            @Override
            public boolean compareAndSet(String username, String expected, String replacement) {
                writes.incrementAndGet();
                return store.compareAndSet(username, expected, replacement);
            }
        };
        UserRecordUpdater imitating = new UserRecordUpdater(counting, ring, clock);

        imitating.imitateUpdate("nobody");
        imitating.imitateUpdate("nobody");

        assertEquals(2, reads.get(), "one store read per imitated update, as a real one starts with");
        assertEquals(0, writes.get());
        assertEquals(Optional.of(""), store.read("nobody"), "nothing was written for the name");
    }

    /** The store, counting its reads and compare-and-sets. */
    private final class Counting implements UserDataStore {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public Optional<String> read(String username) {
            reads.incrementAndGet();
            return store.read(username);
        }

        @Override
        public boolean compareAndSet(String username, String expected, String replacement) {
            writes.incrementAndGet();
            return store.compareAndSet(username, expected, replacement);
        }
    }

    @Test
    void updateWhenThisNodeWroteLastThenNoReadAndTheChangeApplies() {
        Counting counting = new Counting();
        UserRecordUpdater node = new UserRecordUpdater(counting, ring, clock);
        node.change("alice", r -> r.withConsent(true));
        int reads = counting.reads.get();

        node.change("alice", r -> r.recordFailure(NOW, 5, 15));
        node.change("alice", r -> r.recordFailure(NOW, 5, 15));

        assertEquals(reads, counting.reads.get(), "the text this node wrote stood in for the read");
        assertEquals(3, counting.writes.get());
        UserRecord alice = updater.read("alice").orElseThrow();
        assertTrue(alice.consent());
        assertEquals(2, alice.failures());
    }

    @Test
    void updateWhenAnotherNodeWroteSinceThenItsChangeIsKeptAndNothingLost() {
        Counting counting = new Counting();
        UserRecordUpdater nodeA = new UserRecordUpdater(counting, ring, clock);
        UserRecordUpdater nodeB = new UserRecordUpdater(store, ring, clock);
        nodeA.change("alice", r -> r.withConsent(true));
        nodeB.change("alice", r -> r.recordFailure(NOW, 5, 15));
        int reads = counting.reads.get();

        nodeA.change("alice", r -> r.recordFailure(NOW, 5, 15));

        assertEquals(reads + 1, counting.reads.get(), "the stale text failed its compare-and-set, then a read");
        assertEquals(2, updater.read("alice").orElseThrow().failures(), "node B's failure is not lost");
    }

    @Test
    void updateWhenDecisionWritesNothingThenTakenOnAFreshReadNotOnTheTextWrittenHere() {
        UserRecordUpdater nodeA = new UserRecordUpdater(store, ring, clock);
        UserRecordUpdater nodeB = new UserRecordUpdater(store, ring, clock);
        nodeA.change("alice", r -> r.withConsent(true));
        nodeB.change("alice", r -> r.recordFailure(NOW, 5, 15));

        int failuresSeen = nodeA.update("alice", r -> RecordUpdate.keep(r.failures()));

        assertEquals(1, failuresSeen, "answered from the store, where node B's failure is");
    }

    @Test
    void readWhenNoBlockThenNotEnrolled() {
        store.compareAndSet("alice", null, "hello");
        assertEquals(Optional.empty(), updater.read("alice"));
    }

    @Test
    void changeWhenOtherTextInCommentThenKeptAroundNewBlock() {
        store.compareAndSet("alice", null, "hello");
        updater.change("alice", r -> r.withConsent(true));
        String comment = store.read("alice").orElseThrow();
        assertTrue(comment.startsWith("hello[twostep:v1:k1:"));
        assertTrue(updater.read("alice").orElseThrow().consent());
        updater.change("alice", UserRecord::disable);
        assertTrue(store.read("alice").orElseThrow().startsWith("hello[twostep:"));
    }

    @Test
    void updateWhenChangeRefusedThenNothingWritten() {
        updater.change("alice", r -> Fixtures.enrolled(cipher, "alice"));
        String before = store.read("alice").orElseThrow();
        boolean used = updater.update("alice", r -> RecordUpdate.applied(r.consumeBackupCode(Fixtures.codeHash())));
        assertFalse(used);
        assertEquals(before, store.read("alice").orElseThrow());
    }

    @Test
    void updateWhenUserUnknownThenUnknownUserException() {
        UserRecordUpdater restricted = new UserRecordUpdater(InMemoryUserDataStore.restrictedTo(List.of("alice")),
                ring, clock);
        assertThrows(UnknownUserException.class, () -> restricted.change("mallory", r -> r.withConsent(true)));
        assertThrows(UnknownUserException.class, () -> restricted.read("mallory"));
    }

    @Test
    void updateWhenBlockCorruptThenFailsClosedForThatUserOnly() {
        updater.change("alice", r -> Fixtures.enrolled(cipher, "alice"));
        updater.change("bob", r -> Fixtures.enrolled(cipher, "bob"));
        String good = store.read("alice").orElseThrow();
        String broken = "keep me " + good.substring(0, good.length() - 20);
        store.compareAndSet("alice", good, broken);
        assertThrows(CorruptRecordException.class, () -> updater.change("alice", r -> r.recordFailure(NOW, 5, 15)));
        assertEquals(broken, store.read("alice").orElseThrow());
        assertEquals(1, updater.change("bob", r -> r.recordFailure(NOW, 5, 15)).failures());
    }

    @Test
    void updateWhenCiphertextTamperedThenOpeningFailsAndOtherUsersWork() {
        updater.change("alice", r -> Fixtures.enrolled(cipher, "alice"));
        updater.change("bob", r -> Fixtures.enrolled(cipher, "bob"));
        UserRecord bob = updater.read("bob").orElseThrow();
        updater.change("alice", r -> r.withSecrets(bob.totp(), null));
        UserRecord alice = updater.read("alice").orElseThrow();
        assertThrows(CorruptRecordException.class, () -> cipher.open("alice", alice.totp().secret()));
        assertEquals(20, cipher.open("bob", bob.totp().secret()).length);
    }

    @Test
    void updateWhenAlwaysLosingRaceThenGivesUpAfterMaxAttempts() {
        AtomicInteger writes = new AtomicInteger();
        UserDataStore busy = new UserDataStore() {
            @Override
            public Optional<String> read(String username) {
                return Optional.of("");
            }

            @Override
            public boolean compareAndSet(String username, String expected, String replacement) {
                writes.incrementAndGet();
                return false;
            }
        };
        AtomicInteger pauses = new AtomicInteger();
        UserRecordUpdater giving = new UserRecordUpdater(busy, ring, clock, 7, attempt -> pauses.incrementAndGet());
        UpdateConflictException e = assertThrows(UpdateConflictException.class,
                () -> giving.change("alice", r -> r.withConsent(true)));
        assertTrue(e.getMessage().contains("7 attempts"));
        assertEquals(7, writes.get());
        assertEquals(6, pauses.get());
    }

    @Test
    void changeWhenKeyRotatedThenNextWriteUsesCurrentKey() {
        updater.change("alice", r -> Fixtures.enrolled(cipher, "alice"));
        KeyRing rotated = KeyRing.parse(Fixtures.keyText("k2"), List.of(key));
        UserRecordUpdater after = new UserRecordUpdater(store, rotated, clock);
        assertEquals("k1", after.read("alice").orElseThrow().totp().secret().keyId());
        after.change("alice", r -> r.recordFailure(NOW, 5, 15));
        assertTrue(store.read("alice").orElseThrow().startsWith("[twostep:v1:k2:"));
        UserRecord record = after.read("alice").orElseThrow();
        assertEquals("k2", record.totp().secret().keyId());
        assertEquals(20, new SecretCipher(rotated).open("alice", record.totp().secret()).length);
    }
}
