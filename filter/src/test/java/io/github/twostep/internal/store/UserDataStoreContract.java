package io.github.twostep.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.store.InvalidUsernameException;
import io.github.twostep.store.UserDataStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link UserDataStore} contract, run against every store. A subclass supplies a store in
 * which {@link #knownUsers()} exist with empty comments. The race proofs start 32 threads at
 * once on one record, half of them through a second store instance on the same storage (a
 * second "node" where the store has such a thing), with the updater's production backoff.
 */
abstract class UserDataStoreContract {
    static final int THREADS = 32;

    /** A fresh store for one test; the users of {@link #knownUsers()} exist with empty comments. */
    abstract UserDataStore store();

    /** Users the store knows; include awkward but valid names. */
    static final String[] USERS = {"alice", "bob", "o'brien\"; DROP TABLE users; --", "../../etc/passwd",
        "j\u00fcrgen.m\u00fcller@b\u00e4ckerei.example", "\u7528\u6237"};

    String[] knownUsers() {
        return USERS;
    }

    /** Another store instance over the same storage as {@code first}: a second node. */
    UserDataStore sameStorage(UserDataStore first) {
        return first;
    }

    @Test
    void updateWhen32ThreadsConsumeSameBackupCodeThenExactlyOneSucceeds() throws Exception {
        List<UserRecordUpdater> nodes = nodes();
        SecretCipher cipher = new SecretCipher(ring);
        nodes.get(0).change("alice", r -> Fixtures.enrolled(cipher, "alice"));
        String code = nodes.get(0).read("alice").orElseThrow().backupCodes().get(4);
        List<Boolean> outcomes = race(i -> () -> nodes.get(i % 2).update("alice",
                r -> RecordUpdate.applied(r.consumeBackupCode(code))));
        assertEquals(1, outcomes.stream().filter(Boolean::booleanValue).count());
        assertEquals(9, nodes.get(1).read("alice").orElseThrow().backupCodes().size());
        assertTrue(store.read("alice").orElseThrow().startsWith("note: keep me\n[twostep:"));
    }

    @Test
    void updateWhen32ThreadsRecordFailureThenCountIsExactly32() throws Exception {
        List<UserRecordUpdater> nodes = nodes();
        race(i -> () -> nodes.get(i % 2).change("alice", r -> r.recordFailure(Fixtures.NOW, 0, 15)));
        assertEquals(THREADS, nodes.get(0).read("alice").orElseThrow().failures());
    }

    @Test
    void updateWhen32ThreadsAcceptSameTotpStepThenExactlyOne() throws Exception {
        List<UserRecordUpdater> nodes = nodes();
        List<Boolean> outcomes = race(i -> () -> nodes.get(i % 2).update("alice",
                r -> RecordUpdate.applied(r.useStep(58_000_000L))));
        assertEquals(1, outcomes.stream().filter(Boolean::booleanValue).count());
        assertEquals(58_000_000L, nodes.get(1).read("alice").orElseThrow().lastStep());
    }

    @Test
    void updateWhen32ThreadsUseSameSecurityKeyCounterThenExactlyOneAccepted() throws Exception {
        List<UserRecordUpdater> nodes = nodes();
        SecurityKey key = SecurityKeyRecordTest.key("Blue key").usedAt(41, false, Fixtures.NOW);
        nodes.get(0).change("alice", r -> r.addSecurityKey(key, 10).orElseThrow());
        List<Boolean> outcomes = race(i -> () -> nodes.get(i % 2).update("alice",
                r -> RecordUpdate.applied(r.useSecurityKey(key.id(), 42, false, "AAAAAAAAAAAAAAAAAAAAAA", Fixtures.NOW))));
        assertEquals(1, outcomes.stream().filter(Boolean::booleanValue).count());
        assertEquals(42, nodes.get(1).read("alice").orElseThrow().securityKey(key.id()).orElseThrow().signCount());
    }

    private final KeyRing ring = Fixtures.keyRing();
    private UserDataStore store;

    private List<UserRecordUpdater> nodes() {
        store = store();
        assertTrue(store.compareAndSet("alice", null, "note: keep me\n"));
        Clock clock = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);
        return List.of(new UserRecordUpdater(store, ring, clock), new UserRecordUpdater(sameStorage(store), ring, clock));
    }

    private static <T> List<T> race(IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Callable<T> body = task.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return body.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readWhenNothingWrittenThenEmptyComment() {
        UserDataStore store = store();
        for (String user : knownUsers()) {
            assertEquals(Optional.of(""), store.read(user), user);
        }
    }

    @Test
    void compareAndSetWhenExpectedMatchesThenWritten() {
        UserDataStore store = store();
        assertTrue(store.compareAndSet("alice", null, "one"));
        assertTrue(store.compareAndSet("alice", "one", "two"));
        assertEquals(Optional.of("two"), store.read("alice"));
        assertEquals(Optional.of(""), store.read("bob"));
    }

    @Test
    void compareAndSetWhenExpectedStaleThenNothingWritten() {
        UserDataStore store = store();
        assertTrue(store.compareAndSet("alice", "", "one"));
        assertFalse(store.compareAndSet("alice", null, "two"));
        assertFalse(store.compareAndSet("alice", "zero", "two"));
        assertEquals(Optional.of("one"), store.read("alice"));
    }

    @Test
    void compareAndSetWhenAwkwardUsernamesThenEachKeepsItsOwnComment() {
        UserDataStore store = store();
        for (String user : knownUsers()) {
            assertTrue(store.compareAndSet(user, null, "comment of " + user), user);
        }
        for (String user : knownUsers()) {
            assertEquals(Optional.of("comment of " + user), store.read(user), user);
        }
    }

    @Test
    void compareAndSetWhenOneMegabyteCommentThenStoredExactly() {
        UserDataStore store = store();
        String big = "x\u00e9\n".repeat(333_333);
        assertTrue(store.compareAndSet("bob", null, big));
        assertEquals(Optional.of(big), store.read("bob"));
        assertTrue(store.compareAndSet("bob", big, "small"));
        assertEquals(Optional.of("small"), store.read("bob"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nul\u0000byte", "line\nbreak"})
    void readWhenUsernameInvalidThenClearError(String username) {
        UserDataStore store = store();
        assertThrows(InvalidUsernameException.class, () -> store.read(username));
        assertThrows(InvalidUsernameException.class, () -> store.compareAndSet(username, null, "x"));
    }

    @Test
    void readWhenUsernameTooLongThenClearError() {
        UserDataStore store = store();
        String longName = "a".repeat(300);
        InvalidUsernameException e = assertThrows(InvalidUsernameException.class, () -> store.read(longName));
        assertFalse(e.getMessage().contains(longName));
    }
}
