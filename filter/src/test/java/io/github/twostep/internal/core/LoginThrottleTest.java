package io.github.twostep.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.audit.AuditEvent;
import io.github.twostep.config.ThrottleSettings;
import io.github.twostep.internal.store.InMemoryAttemptLedger;
import io.github.twostep.store.AttemptLedger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final CoreFixture f = new CoreFixture("{}");
    private final AttemptLedger ledger = new InMemoryAttemptLedger(f.clock, 1000);
    private final byte[] key = f.keys.currentLedgerKey();

    private LoginThrottle throttle(int free, int maxMinutes) {
        return new LoginThrottle(new ThrottleSettings(free, maxMinutes), ledger, key, f.clock, f.accounts);
    }

    /** One wrong password, as the web layer does it; answers the attempt. */
    private LoginThrottle.Attempt wrong(LoginThrottle throttle, String name) {
        LoginThrottle.Attempt attempt = throttle.begin(name);
        if (attempt.allowed()) {
            throttle.failed(attempt, CoreFixture.CALLER);
        }
        return attempt;
    }

    private long throttledEvents() {
        return f.audit.recent("alice", 100).stream().filter(e -> e.event() == AuditEvent.Type.LOGIN_THROTTLED).count();
    }

    @Test
    void beginWhenFreeAttemptsUsedThenRefusedForOneSecondAndRightPasswordToo() {
        LoginThrottle throttle = throttle(5, 15);
        for (int i = 0; i < 5; i++) {
            assertTrue(wrong(throttle, "alice").allowed(), "attempt " + (i + 1));
        }
        LoginThrottle.Attempt refused = throttle.begin("alice");
        assertFalse(refused.allowed());
        assertEquals(Duration.ofSeconds(1), refused.retryAfter());
        f.clock.advance(Duration.ofMillis(999));
        assertEquals(Duration.ofMillis(1), throttle.begin("alice").retryAfter());
        f.clock.advance(Duration.ofMillis(1));
        assertTrue(throttle.begin("alice").allowed());
    }

    @Test
    void failedWhenThrottledAgainThenDelayDoublesUpToMaxAndIsAuditedOncePerDelay() {
        LoginThrottle throttle = throttle(2, 1);
        wrong(throttle, "alice");
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            LoginThrottle.Attempt attempt = wrong(throttle, "alice");
            assertTrue(attempt.allowed());
            LoginThrottle.Attempt refused = throttle.begin("alice");
            delays.add(refused.retryAfter());
            f.clock.advance(refused.retryAfter());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), delays.stream().map(Duration::toSeconds).toList());
        assertEquals(9, throttledEvents());
        assertTrue(f.audit.recent("alice", 100).stream().allMatch(e -> !e.detail().contains("password")));
    }

    @Test
    void succeededWhenRightPasswordThenCountStartsOver() {
        LoginThrottle throttle = throttle(3, 15);
        wrong(throttle, "alice");
        wrong(throttle, "alice");
        throttle.succeeded(throttle.begin("alice"));
        wrong(throttle, "alice");
        wrong(throttle, "alice");
        assertTrue(throttle.begin("alice").allowed(), "the count started over at the success");
        assertFalse(throttle.begin("alice").allowed());
    }

    @Test
    void beginWhenNameDiffersInCaseThenSameCountAndLedgerHoldsNoName() {
        LoginThrottle throttle = throttle(2, 15);
        wrong(throttle, "Alice");
        wrong(throttle, "ALICE");
        assertFalse(throttle.begin("alice").allowed());
        assertTrue(throttle.begin("bob").allowed());
        LoginThrottle.Attempt attempt = throttle.begin("alice");
        assertFalse(attempt.key().toLowerCase().contains("alice"));
        assertTrue(ledger.read(attempt.key()).isPresent());
    }

    @Test
    void beginWhenOtherNodeHasTheSameKeyThenSharedCountAndOtherKeyNot() {
        LoginThrottle one = throttle(2, 15);
        LoginThrottle two = new LoginThrottle(new ThrottleSettings(2, 15), ledger, key, f.clock, f.accounts);
        LoginThrottle otherKey = new LoginThrottle(new ThrottleSettings(2, 15), ledger, new byte[32], f.clock,
                f.accounts);
        wrong(one, "alice");
        wrong(two, "alice");
        assertFalse(one.begin("alice").allowed());
        assertTrue(otherKey.begin("alice").allowed());
    }

    @Test
    void beginWhenMaxDelayZeroThenNeverThrottledAndNothingStored() {
        LoginThrottle throttle = throttle(1, 0);
        for (int i = 0; i < 20; i++) {
            assertTrue(wrong(throttle, "alice").allowed());
        }
        assertEquals(Optional.empty(), ledger.read(throttle.begin("alice").key()));
        assertEquals(0, throttledEvents());
    }

    @Test
    void beginWhen100ThreadsRaceThenExactlyFreeAttemptsAreAllowed() throws Exception {
        LoginThrottle throttle = throttle(5, 15);
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return wrong(throttle, "alice").allowed();
                }));
            }
            start.countDown();
            int allowed = 0;
            for (Future<Boolean> result : results) {
                allowed += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(5, allowed);
            assertEquals(1, throttledEvents());
        } finally {
            pool.shutdownNow();
        }
    }
}
