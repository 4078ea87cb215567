package io.github.twostep.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.internal.store.FileAttemptLedger;
import io.github.twostep.internal.store.InMemoryAttemptLedger;
import io.github.twostep.store.AttemptLedger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnknownNamesTest {
    private final CoreFixture f = new CoreFixture("{}");
    @TempDir
    Path directory;

    private UnknownNames node(AttemptLedger ledger) {
        return new UnknownNames(GuardTest.settings("{}"), ledger, f.keys.currentLedgerKey(), f.clock);
    }

    @Test
    void verifyWhenWrongCodesOnTwoNodesAndARestartThenOneLockLikeARealUsersRecord() {
        UnknownNames one = node(new FileAttemptLedger(directory, f.clock));
        UnknownNames two = node(new FileAttemptLedger(directory, f.clock));
        List<VerifyOutcome.Result> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add((i % 2 == 0 ? one : two).verify("Nobody").result());
        }
        UnknownNames restarted = node(new FileAttemptLedger(directory, f.clock));
        VerifyOutcome locked = restarted.verify("nobody");

        assertEquals(List.of(VerifyOutcome.Result.INVALID, VerifyOutcome.Result.INVALID, VerifyOutcome.Result.INVALID,
                VerifyOutcome.Result.INVALID, VerifyOutcome.Result.INVALID), results);
        assertEquals(VerifyOutcome.Result.LOCKED, locked.result());
        assertEquals(Duration.ofMinutes(GuardTest.settings("{}").lockout().minutes()), locked.retryAfter());
    }

    @Test
    void sendWhenAskedAgainOnAnotherNodeThenTheRealCooldown() {
        AttemptLedger ledger = new InMemoryAttemptLedger(f.clock, 100);
        assertEquals(SendOutcome.Result.SENT, node(ledger).send("nobody").result());
        SendOutcome again = node(ledger).send("NOBODY");
        assertEquals(SendOutcome.Result.TOO_MANY, again.result());
        int resend = GuardTest.settings("{}").messageCode().resendSeconds();
        assertEquals(Duration.ofSeconds(resend), again.retryAfter());
        f.clock.advance(Duration.ofSeconds(resend));
        assertEquals(SendOutcome.Result.SENT, node(ledger).send("nobody").result());
    }

    @Test
    void verifyWhenNameKnownOnlyAsHashThenLedgerHoldsNoName() throws Exception {
        node(new FileAttemptLedger(directory, f.clock)).verify("nobody-at-all");
        String file = java.nio.file.Files.readString(directory.resolve("attempts.twostep-ledger"));
        assertTrue(file.startsWith("ghost:"), file);
        assertTrue(!file.contains("nobody"), file);
    }
}
