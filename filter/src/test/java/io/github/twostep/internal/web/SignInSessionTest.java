package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.internal.core.Evaluation;
import io.github.twostep.internal.core.SignInState;
import io.github.twostep.internal.core.Standing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The re-check and lifetime bookkeeping of one session, without a container. */
class SignInSessionTest {
    private static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");
    private static final Duration RECHECK = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static SignInSession verifiedAt(Instant at) {
        SignInSession session = new SignInSession();
        session.follow("alice");
        session.evaluated(new Evaluation(Standing.VERIFIED, true, 0, null), at);
        return session;
    }

    private static <T> List<T> atOnce(int threads, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void claimRecheckWhenSixteenRequestsAtOnceThenExactlyOneClaims() throws Exception {
        SignInSession session = verifiedAt(T0);
        Instant due = T0.plus(RECHECK);

        List<Boolean> claims = atOnce(16, () -> session.claimRecheck(due, RECHECK, TIMEOUT));

        assertEquals(1, claims.stream().filter(c -> c).count(), claims.toString());
    }

    @Test
    void claimRecheckWhenClaimedButStoreNeverAnsweredThenCheckTimeStaysAndStaleAfterBound() {
        SignInSession session = verifiedAt(T0);
        Instant due = T0.plus(RECHECK);
        Duration bound = RECHECK.plus(TIMEOUT);

        assertTrue(session.claimRecheck(due, RECHECK, TIMEOUT));
        assertFalse(session.claimRecheck(due.plusSeconds(1), RECHECK, TIMEOUT), "one re-check at a time");
        assertFalse(session.stale(T0.plus(bound).minusMillis(1), bound), "within the bound the standing serves");
        assertTrue(session.stale(T0.plus(bound), bound), "the claim did not refresh the standing");
        assertTrue(session.claimRecheck(due.plus(TIMEOUT), RECHECK, TIMEOUT), "a re-check that gave up can be retried");
    }

    @Test
    void confirmedWhenStoreAnsweredThenFreshFromClaimTime() {
        SignInSession session = verifiedAt(T0);
        Instant due = T0.plus(RECHECK);
        assertTrue(session.claimRecheck(due, RECHECK, TIMEOUT));

        session.confirmed(due);

        assertFalse(session.stale(due.plus(RECHECK), RECHECK.plus(TIMEOUT)));
        assertFalse(session.claimRecheck(due.plus(RECHECK).minusMillis(1), RECHECK, TIMEOUT));
        assertTrue(session.claimRecheck(due.plus(RECHECK), RECHECK, TIMEOUT));
    }

    @Test
    void touchWhenIdleOrOldThenEndedOnceAndZeroTurnsLimitsOff() {
        Duration idle = Duration.ofMinutes(30);
        Duration absolute = Duration.ofHours(12);
        SignInSession session = verifiedAt(T0);
        assertEquals(SignInState.Lifetime.LIVE, session.touch(T0, idle, absolute));
        assertEquals(SignInState.Lifetime.LIVE, session.touch(T0.plus(idle).minusMillis(1), idle, absolute));
        assertEquals(SignInState.Lifetime.IDLE, session.touch(T0.plus(idle.multipliedBy(2)), idle, absolute));
        assertEquals(SignInState.Lifetime.ENDED, session.touch(T0.plus(idle.multipliedBy(2)), idle, absolute));

        SignInSession unlimited = verifiedAt(T0);
        assertEquals(SignInState.Lifetime.LIVE, unlimited.touch(T0, Duration.ZERO, Duration.ZERO));
        assertEquals(SignInState.Lifetime.LIVE, unlimited.touch(T0.plus(Duration.ofDays(60)), Duration.ZERO,
                Duration.ZERO));
    }

    @Test
    void touchWhenOtherUserFollowedThenLimitsStartAgain() {
        Duration idle = Duration.ofMinutes(30);
        SignInSession session = verifiedAt(T0);
        session.touch(T0, idle, Duration.ofHours(12));

        session.follow("bob");

        assertEquals(SignInState.Lifetime.LIVE, session.touch(T0.plus(Duration.ofHours(13)), idle,
                Duration.ofHours(12)));
    }

    @Test
    void followWhenUserAppearsThenCsrfTokenRotated() {
        SignInSession session = new SignInSession();
        String anonymous = session.csrfToken();

        session.follow("alice");

        assertNotEquals(anonymous, session.csrfToken(), "a token learnt before sign-in still works after it");
    }

    @Test
    void followWhenSameUserThenCsrfTokenKept() {
        SignInSession session = new SignInSession();
        session.follow("alice");
        String signedIn = session.csrfToken();

        session.follow("alice");

        assertEquals(signedIn, session.csrfToken());
    }

    @Test
    void followWhenUserSwitchesOrLeavesThenCsrfTokenRotated() {
        SignInSession session = new SignInSession();
        session.follow("alice");
        String alices = session.csrfToken();

        session.follow("bob");
        String bobs = session.csrfToken();
        session.follow(null);

        assertNotEquals(alices, bobs);
        assertNotEquals(bobs, session.csrfToken());
    }
}
