package io.github.twostep.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.store.AttemptLedger;
import io.github.twostep.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@link AttemptLedger} contract, run against every ledger. The race starts 32 threads at
 * once on one key, half of them through a second ledger over the same storage (a second node
 * where the storage has such a thing), each adding to a counter by compare-and-set.
 */
abstract class AttemptLedgerContract {
    static final int THREADS = 32;
    static final int ADDS_PER_THREAD = 1;

    final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));

    /** A fresh, empty ledger for one test, on {@link #clock}. */
    abstract AttemptLedger ledger();

    /** Another ledger over the same storage as {@code first}: a second node. */
    AttemptLedger sameStorage(AttemptLedger first) {
        return first;
    }

    /** Whether a write removes entries expired long enough ago (not only when full). */
    boolean removesExpiredOnWrite() {
        return true;
    }

    Instant later() {
        return clock.instant().plus(Duration.ofHours(1));
    }

    @Test
    void readWhenNothingWrittenThenEmpty() {
        assertEquals(Optional.empty(), ledger().read("k1"));
    }

    @Test
    void compareAndSetWhenAbsentAndExpectedNullThenWrittenAndSecondInsertRefused() {
        AttemptLedger ledger = ledger();
        assertTrue(ledger.compareAndSet("k1", null, "one", later()));
        assertFalse(sameStorage(ledger).compareAndSet("k1", null, "other", later()));
        assertEquals(Optional.of("one"), sameStorage(ledger).read("k1"));
    }

    @Test
    void compareAndSetWhenExpectedDiffersThenNothingWritten() {
        AttemptLedger ledger = ledger();
        assertFalse(ledger.compareAndSet("k1", "zero", "one", later()));
        assertEquals(Optional.empty(), ledger.read("k1"));
        ledger.compareAndSet("k1", null, "one", later());
        assertFalse(ledger.compareAndSet("k1", "zero", "two", later()));
        assertTrue(ledger.compareAndSet("k1", "one", "two", later()));
        assertEquals(Optional.of("two"), ledger.read("k1"));
        assertEquals(Optional.empty(), ledger.read("k2"));
    }

    @Test
    void compareAndSetWhenEntryExpiredLongAgoThenRemovedByALaterWrite() {
        if (!removesExpiredOnWrite()) {
            return;
        }
        AttemptLedger ledger = ledger();
        ledger.compareAndSet("old", null, "1", clock.instant().plusSeconds(60));
        ledger.compareAndSet("kept", null, "1", clock.instant().plus(Duration.ofDays(2)));
        clock.advance(Duration.ofDays(1));
        ledger.compareAndSet("new", null, "1", later());
        assertEquals(Optional.empty(), ledger.read("old"));
        assertEquals(Optional.of("1"), ledger.read("kept"));
        assertEquals(Optional.of("1"), ledger.read("new"));
    }

    @Test
    void compareAndSetWhen32ThreadsOnTwoNodesCountOneKeyThenCountIsExact() throws Exception {
        AttemptLedger first = ledger();
        List<AttemptLedger> nodes = List.of(first, sameStorage(first));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                AttemptLedger node = nodes.get(i % 2);
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < ADDS_PER_THREAD; n++) {
                        for (int lost = 0; ; lost++) {
                            if (lost > 0) {
                                UserRecordUpdater.DEFAULT_BACKOFF.pause(lost);
                            }
                            String seen = node.read("counter").orElse(null);
                            String next = Integer.toString(seen == null ? 1 : Integer.parseInt(seen) + 1);
                            if (node.compareAndSet("counter", seen, next, later())) {
                                break;
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Optional.of(Integer.toString(THREADS * ADDS_PER_THREAD)), first.read("counter"));
    }
}
