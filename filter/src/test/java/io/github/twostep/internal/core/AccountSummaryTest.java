package io.github.twostep.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.AccountSummary;
import io.github.twostep.config.VerifyMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one summary of a user's second factor that the admin API, the admin pages and the CLI show. */
class AccountSummaryTest {
    private final CoreFixture fixture = new CoreFixture("{\"lockout\": {\"maxFailedAttempts\": 2, \"minutes\": 15}}");

    @Test
    void summaryWhenNothingSetUpThenNotEnrolledAndEmpty() {
        AccountSummary summary = fixture.accounts.summary("alice");

        assertEquals(new AccountSummary("alice", false, List.of(), null, 0, 0, 0, null, 0), summary);
        assertFalse(summary.locked());
    }

    @Test
    void summaryWhenEnrolledAndLockedThenEveryFactShows() {
        fixture.enrolWithApp("alice");
        fixture.clock.advance(Duration.ofSeconds(30));
        fixture.accounts.trustDevice("alice", 30, CoreFixture.CALLER);
        fixture.accounts.verify("alice", "000000x", "sign-in", CoreFixture.CALLER);
        fixture.accounts.verify("alice", "000000x", "sign-in", CoreFixture.CALLER);

        AccountSummary summary = fixture.accounts.summary("alice");

        assertTrue(summary.enrolled());
        assertEquals(List.of("app", "email"), summary.methods(), "sorted");
        assertTrue(summary.locked());
        assertEquals(fixture.clock.instant().plus(Duration.ofMinutes(15)), summary.lockedUntil());
        assertEquals(2, summary.failedAttempts());
        assertEquals(1, summary.devices());
        assertEquals(10, summary.backupCodesLeft());
        assertEquals(CoreFixture.START, summary.lastVerified());
    }

    @Test
    void summaryWhenTrustedDeviceExpiredThenNotCounted() {
        fixture.enrolWithApp("alice");
        fixture.accounts.trustDevice("alice", 1, CoreFixture.CALLER);

        fixture.clock.advance(Duration.ofDays(2));

        assertEquals(0, fixture.accounts.summary("alice").devices());
        assertNull(fixture.accounts.summary("alice").lockedUntil());
    }
}
