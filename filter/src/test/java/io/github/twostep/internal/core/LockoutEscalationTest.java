package io.github.twostep.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.audit.AuditEvent.Type;
import io.github.twostep.internal.core.VerifyOutcome.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The lock escalates while failures continue, and at maxConsecutiveFailures holds until an administrator unlocks. */
class LockoutEscalationTest {
    private final CoreFixture fixture = new CoreFixture(
            "{\"lockout\": {\"maxFailedAttempts\": 3, \"minutes\": 10, \"maxConsecutiveFailures\": 9}}");
    private final Accounts accounts = fixture.accounts;

    private VerifyOutcome wrong() {
        return accounts.verify("alice", "000000x", "s", CoreFixture.CALLER);
    }

    @Test
    void verifyWhenFailuresContinueAfterLocksThenLongerLocksThenLockedForGoodWithNotice() {
        fixture.enrolWithApp("alice");
        List<Duration> locks = new ArrayList<>();
        VerifyOutcome last = null;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 3; i++) {
                last = wrong();
                assertEquals(Result.INVALID, last.result(), "the attempt that reaches a limit still answers invalid");
            }
            VerifyOutcome refused = wrong();
            assertEquals(Result.LOCKED, refused.result());
            if (!refused.forGood()) {
                locks.add(refused.retryAfter());
                fixture.clock.advance(refused.retryAfter());
            }
        }

        assertEquals(List.of(Duration.ofMinutes(10), Duration.ofMinutes(20)), locks);
        assertTrue(last.forGood(), "the 9th failure locks for good");
        assertEquals(Result.LOCKED, wrong().result());
        fixture.clock.advance(Duration.ofDays(30));
        VerifyOutcome later = wrong();
        assertEquals(Result.LOCKED, later.result());
        assertTrue(later.forGood(), "no time lifts it");
        assertEquals(1, fixture.audit.recent("alice", 100).stream()
                .filter(e -> e.event() == Type.LOCKED_PERMANENTLY).count());
        assertTrue(fixture.outbox.sent.stream().anyMatch(m -> m.subject().contains("locked")),
                "the user is told");

        accounts.unlock("alice", CoreFixture.CALLER);
        assertEquals(Result.INVALID, wrong().result(), "an administrator's unlock lifts it");
    }

    @Test
    void verifyWhenHundredWrongCodesRaceThenExactlyTheLimitCountsAndTheRestAreLocked() throws Exception {
        fixture.enrolWithApp("alice");
        fixture.clock.advance(Duration.ofSeconds(30));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<VerifyOutcome>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return wrong();
                }));
            }
            go.countDown();
            Map<Result, Integer> byResult = new TreeMap<>();
            for (Future<VerifyOutcome> answer : answers) {
                byResult.merge(answer.get().result(), 1, Integer::sum);
            }

            assertEquals(Map.of(Result.INVALID, 3, Result.LOCKED, 97), byResult);
            assertEquals(3, accounts.summary("alice").failedAttempts(), "no failure lost, none counted twice");
            assertFalse(accounts.lookup("alice").orElseThrow().isLockedForGood());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sendWhenLockedThenNothingGoesOutButTheAnswerAndQuotaAreAsForASend() {
        CoreFixture messages = new CoreFixture("""
                {"lockout": {"maxFailedAttempts": 1, "minutes": 10}, "setup": {"mode": "auto", "methods": ["email"]}}""");
        messages.accounts.evaluate("alice", null, CoreFixture.CALLER);
        messages.accounts.verify("alice", "000000x", "s", CoreFixture.CALLER);
        int before = messages.outbox.sent.size();

        SendOutcome sent = messages.accounts.send("alice", io.github.twostep.config.VerifyMethod.EMAIL, "s",
                java.util.Locale.ENGLISH, CoreFixture.CALLER);
        SendOutcome again = messages.accounts.send("alice", io.github.twostep.config.VerifyMethod.EMAIL, "s",
                java.util.Locale.ENGLISH, CoreFixture.CALLER);

        assertEquals(SendOutcome.Result.SENT, sent.result(), "the same answer as a real send");
        assertEquals("a***@example.com", sent.sentTo());
        assertEquals(before, messages.outbox.sent.size(), "no code goes to a locked account");
        assertEquals(null, messages.accounts.lookup("alice").orElseThrow().messageCode(), "and none is kept");
        assertEquals(SendOutcome.Result.TOO_MANY, again.result(), "the cooldown follows, as after a send");
    }
}
