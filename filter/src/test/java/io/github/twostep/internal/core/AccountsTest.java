package io.github.twostep.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.Caller;
import io.github.twostep.IssuedCode;
import io.github.twostep.audit.AuditEvent;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.internal.core.VerifyOutcome.Factor;
import io.github.twostep.internal.core.VerifyOutcome.Result;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.store.UserRecord;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountsTest {
    private static final Caller CALLER = CoreFixture.CALLER;
    private final CoreFixture fixture = new CoreFixture("{\"lockout\": {\"maxFailedAttempts\": 3, \"minutes\": 15}}");
    private final Accounts accounts = fixture.accounts;

    @Test
    void evaluateWhenNotEnrolledInOptInModeThenOptional() {
        assertEquals(Standing.OPTIONAL, accounts.evaluate("alice", null, CALLER).standing());
    }

    @Test
    void evaluateWhenEnrolledThenChallenge() {
        fixture.enrolWithApp("alice");

        Evaluation evaluation = accounts.evaluate("alice", null, CALLER);

        assertEquals(Standing.CHALLENGE, evaluation.standing());
        assertTrue(evaluation.enabled());
    }

    @Test
    void confirmSetupWhenCodeRightThenEnabledWithBackupCodes() {
        CoreFixture.Enrolled enrolled = fixture.enrolWithApp("alice");

        List<String> codes = enrolled.confirmation().backupCodes();
        assertEquals(10, codes.size());
        assertTrue(codes.get(0).matches("[a-z]{4}-[a-z]{4}"), codes.get(0));
        UserRecord record = accounts.lookup("alice").orElseThrow();
        assertTrue(record.enabled());
        assertEquals(Set.of(VerifyMethod.APP, VerifyMethod.EMAIL), record.methods());
        assertEquals(null, record.pendingTotp());
        assertFalse(fixture.store.read("alice").orElseThrow().contains(enrolled.secret().toBase32()));
    }

    @Test
    void confirmSetupWhenBackupCodeOrWrongCodeThenRefusedAndCounted() {
        CoreFixture.Enrolled enrolled = fixture.enrolWithApp("alice");
        accounts.startSetup("alice", CALLER);

        SetupConfirmation withBackup = accounts.confirmSetup("alice", enrolled.confirmation().backupCodes().get(0),
                Set.of(VerifyMethod.APP), "s", CALLER);
        SetupConfirmation withOldSecret = accounts.confirmSetup("alice", fixture.code(enrolled.secret(), 1),
                Set.of(VerifyMethod.APP), "s", CALLER);

        assertEquals(Result.INVALID, withBackup.outcome().result());
        assertEquals(Result.INVALID, withOldSecret.outcome().result());
        assertEquals(2, accounts.lookup("alice").orElseThrow().failures());
        assertTrue(withBackup.backupCodes().isEmpty());
    }

    @Test
    void verifyWhenCurrentAppCodeThenVerifiedOnce() {
        CoreFixture.Enrolled enrolled = fixture.enrolWithApp("alice");
        fixture.clock.advance(Duration.ofSeconds(30));
        String code = fixture.code(enrolled.secret(), 0);

        VerifyOutcome first = accounts.verify("alice", code, "s", CALLER);
        VerifyOutcome again = accounts.verify("alice", code, "s", CALLER);

        assertEquals(VerifyOutcome.verified(Factor.APP, 0, accounts.lookup("alice").orElseThrow().trustEpoch()), first);
        assertEquals(Result.INVALID, again.result());
    }

    @Test
    void verifyWhenPasswordChangedThenOutcomeCarriesTheNewTrustEpoch() {
        CoreFixture.Enrolled enrolled = fixture.enrolWithApp("alice");
        int before = accounts.lookup("alice").orElseThrow().trustEpoch();
        accounts.passwordChanged("alice");
        fixture.clock.advance(Duration.ofSeconds(30));

        VerifyOutcome outcome = accounts.verify("alice", fixture.code(enrolled.secret(), 0), "s", false, CALLER);

        assertTrue(outcome.isVerified());
        assertNotEquals(before, outcome.trustEpoch());
        assertEquals(accounts.lookup("alice").orElseThrow().trustEpoch(), outcome.trustEpoch());
    }

    @Test
    void verifyWhenNotEnrolledAndNotAuthorizingDeviceThenInvalidAndNothingCounted() {
        accounts.startSetup("alice", CALLER);
        UserRecord before = accounts.lookup("alice").orElseThrow();

        for (int i = 0; i < 5; i++) {
            assertEquals(VerifyOutcome.invalid(), accounts.verify("alice", "123456", "s", false, CALLER));
        }

        assertEquals(before, accounts.lookup("alice").orElseThrow());
    }

    @Test
    void verifyWhenNotEnrolledButAuthorizingDeviceThenWrongCodesCount() {
        accounts.startSetup("alice", CALLER);

        assertEquals(Result.INVALID, accounts.verify("alice", "123456", "s", true, CALLER).result());

        assertEquals(1, accounts.lookup("alice").orElseThrow().failures());
    }

    @Test
    void verifyWhenCodeReusedOrOlderStepThenRejected() {
        CoreFixture.Enrolled enrolled = fixture.enrolWithApp("alice");
        fixture.clock.advance(Duration.ofMinutes(1));
        assertTrue(accounts.verify("alice", fixture.code(enrolled.secret(), 1), "s", CALLER).isVerified());

        assertEquals(Result.INVALID, accounts.verify("alice", fixture.code(enrolled.secret(), 0), "s", CALLER).result());
        assertEquals(Result.INVALID, accounts.verify("alice", fixture.code(enrolled.secret(), 1), "s", CALLER).result());
        assertTrue(accounts.verify("alice", fixture.code(enrolled.secret(), 2), "s", CALLER).isVerified());
    }

    @Test
    void verifyWhenPhoneClockAheadThenDriftReported() {
        CoreFixture.Enrolled enrolled = fixture.enrolWithApp("alice");
        fixture.clock.advance(Duration.ofMinutes(5));

        VerifyOutcome outcome = accounts.verify("alice", fixture.code(enrolled.secret(), 3), "s", CALLER);

        assertEquals(3, outcome.driftSteps());
    }

    @Test
    void verifyWhenCodeJustOutsideWindowThenInvalid() {
        CoreFixture.Enrolled enrolled = fixture.enrolWithApp("alice");
        fixture.clock.advance(Duration.ofMinutes(5));

        assertEquals(Result.INVALID, accounts.verify("alice", fixture.code(enrolled.secret(), 4), "s", CALLER).result());
        assertEquals(Result.INVALID, accounts.verify("alice", fixture.code(enrolled.secret(), -4), "s", CALLER).result());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"abc", "12345", "1234567", "12 34 5x", "000000", "%", "999999999999999999999"})
    void verifyWhenMalformedOrWrongThenInvalidAndCounted(String code) {
        fixture.enrolWithApp("alice");

        assertEquals(Result.INVALID, accounts.verify("alice", code, "s", CALLER).result());
        assertEquals(1, accounts.lookup("alice").orElseThrow().failures());
    }

    @Test
    void verifyWhenFailuresReachLimitThenLockedEvenForRightCode() {
        CoreFixture.Enrolled enrolled = fixture.enrolWithApp("alice");
        fixture.clock.advance(Duration.ofMinutes(1));

        assertEquals(Result.INVALID, accounts.verify("alice", "000001", "s", CALLER).result());
        assertEquals(Result.INVALID, accounts.verify("alice", "000002", "s", CALLER).result());
        assertEquals(Result.INVALID, accounts.verify("alice", "000003", "s", CALLER).result());
        VerifyOutcome right = accounts.verify("alice", fixture.code(enrolled.secret(), 0), "s", CALLER);

        assertEquals(Result.LOCKED, right.result());
        assertEquals(Duration.ofMinutes(15), right.retryAfter());
        fixture.clock.advance(Duration.ofMinutes(15));
        assertTrue(accounts.verify("alice", fixture.code(enrolled.secret(), 0), "s", CALLER).isVerified());
    }

    @Test
    void verifyWhenBackupCodeThenAcceptedOnceInAnyFormat() {
        String backup = fixture.enrolWithApp("alice").confirmation().backupCodes().get(3);

        VerifyOutcome first = accounts.verify("alice", " " + backup.toUpperCase().replace("-", " ") + " ", "s", CALLER);
        VerifyOutcome second = accounts.verify("alice", backup, "s", CALLER);

        assertEquals(VerifyOutcome.verified(Factor.BACKUP, 0, accounts.lookup("alice").orElseThrow().trustEpoch()), first);
        assertEquals(Result.INVALID, second.result());
        assertEquals(9, accounts.lookup("alice").orElseThrow().backupCodes().size());
    }

    @Test
    void regenerateBackupCodesWhenDoneThenOldCodesVoid() {
        String old = fixture.enrolWithApp("alice").confirmation().backupCodes().get(0);

        List<String> fresh = accounts.regenerateBackupCodes("alice", CALLER);

        assertEquals(Result.INVALID, accounts.verify("alice", old, "s", CALLER).result());
        assertTrue(accounts.verify("alice", fresh.get(0), "s", CALLER).isVerified());
    }

    @Test
    void emergencyCodeWhenUsedThenOnceAndLiftsLock() {
        fixture.enrolWithApp("alice");
        for (int i = 0; i < 3; i++) {
            accounts.verify("alice", "00000" + i, "s", CALLER);
        }
        IssuedCode issued = accounts.emergencyCode("alice", CALLER);

        assertTrue(issued.code().matches("[A-Z]{6}"));
        assertEquals(CoreFixture.START.plus(Duration.ofMinutes(2)), issued.expiresAt());
        assertEquals(VerifyOutcome.verified(Factor.EMERGENCY, 0, accounts.lookup("alice").orElseThrow().trustEpoch()), accounts.verify("alice", issued.code(), "s", CALLER));
        assertEquals(Result.INVALID, accounts.verify("alice", issued.code(), "s", CALLER).result());
    }

    @Test
    void emergencyCodeWhenExpiredThenInvalid() {
        fixture.enrolWithApp("alice");
        IssuedCode issued = accounts.emergencyCode("alice", CALLER);
        fixture.clock.advance(Duration.ofMinutes(2));

        assertEquals(Result.INVALID, accounts.verify("alice", issued.code(), "s", CALLER).result());
    }

    @Test
    void operatorCodeWhenEnteredThenUserCanUseItOnce() {
        fixture.enrolWithApp("alice");

        accounts.operatorCode("alice", "4711-0815", CALLER);

        assertEquals(VerifyOutcome.verified(Factor.OPERATOR, 0, accounts.lookup("alice").orElseThrow().trustEpoch()), accounts.verify("alice", "47110815", "s", CALLER));
        assertEquals(Result.INVALID, accounts.verify("alice", "47110815", "s", CALLER).result());
    }

    @Test
    void operatorCodeWhenTooShortThenRefusedAndNothingStoredOrAudited() {
        fixture.enrolWithApp("alice");
        int audited = fixture.audit.recent("alice", 100).size();

        assertTrue(accounts.operatorCode("alice", "12", CALLER).isEmpty());

        assertEquals(null, accounts.lookup("alice").orElseThrow().operatorCode());
        assertEquals(audited, fixture.audit.recent("alice", 100).size());
    }

    @Test
    void revokeDeviceWhenIdIsMalformedThenFalseAndNothingAudited() {
        fixture.enrolWithApp("alice");

        assertFalse(accounts.revokeDevice("alice", "../../etc", CALLER));
        assertFalse(accounts.revokeDevice("alice", null, CALLER));
    }

    @Test
    void trustDeviceWhenTokenPresentedThenVerifiedWithoutCode() {
        fixture.enrolWithApp("alice");
        String token = accounts.trustDevice("alice", CALLER).token();

        Evaluation evaluation = accounts.evaluate("alice", token, CALLER);

        assertEquals(Standing.VERIFIED, evaluation.standing());
        assertEquals("Firefox on Linux", accounts.devices("alice").get(0).label());
        assertEquals(Standing.CHALLENGE, accounts.evaluate("alice", token + "x", CALLER).standing());
        assertFalse(fixture.store.read("alice").orElseThrow().contains(token));
    }

    @Test
    void trustDeviceWhenExpiredThenChallenge() {
        fixture.enrolWithApp("alice");
        String token = accounts.trustDevice("alice", CALLER).token();
        fixture.clock.advance(Duration.ofDays(180));

        assertEquals(Standing.CHALLENGE, accounts.evaluate("alice", token, CALLER).standing());
    }

    @Test
    void revokeDeviceWhenSessionTrustedByItThenNoLongerHolds() {
        fixture.enrolWithApp("alice");
        String token = accounts.trustDevice("alice", CALLER).token();
        Evaluation trusted = accounts.evaluate("alice", token, CALLER);

        assertTrue(accounts.stillHolds("alice", trusted));
        assertTrue(accounts.revokeDevice("alice", trusted.deviceId(), CALLER));

        assertFalse(accounts.stillHolds("alice", trusted));
        assertFalse(accounts.revokeDevice("alice", trusted.deviceId(), CALLER));
    }

    @Test
    void passwordChangedWhenDevicesTrustedThenAllVoidAndSessionsRechecked() {
        fixture.enrolWithApp("alice");
        String token = accounts.trustDevice("alice", CALLER).token();
        Evaluation before = accounts.evaluate("alice", null, CALLER);

        accounts.passwordChanged("alice");

        assertEquals(Standing.CHALLENGE, accounts.evaluate("alice", token, CALLER).standing());
        assertTrue(accounts.devices("alice").isEmpty());
        assertFalse(accounts.stillHolds("alice", before));
    }

    @Test
    void resetWhenDoneThenNotEnrolledAndLiveSessionsRechecked() {
        fixture.enrolWithApp("alice");
        Evaluation before = accounts.evaluate("alice", null, CALLER);

        accounts.reset("alice", CALLER);
        accounts.reset("alice", CALLER);

        assertFalse(accounts.stillHolds("alice", before));
        assertEquals(Standing.OPTIONAL, accounts.evaluate("alice", null, CALLER).standing());
        assertFalse(accounts.lookup("alice").orElseThrow().enabled());
    }

    @Test
    void disableWhenDoneThenConsentWithdrawnAndTrustVoid() {
        fixture.enrolWithApp("alice");
        String token = accounts.trustDevice("alice", CALLER).token();

        accounts.disable("alice", CALLER);

        UserRecord record = accounts.lookup("alice").orElseThrow();
        assertFalse(record.enabled());
        assertFalse(record.consent());
        assertEquals(Standing.OPTIONAL, accounts.evaluate("alice", token, CALLER).standing());
    }

    @Test
    void reenrolWhenConfirmedThenTrustEpochMovesAndDevicesVoid() {
        fixture.enrolWithApp("alice");
        accounts.trustDevice("alice", CALLER);
        int epochBefore = accounts.lookup("alice").orElseThrow().trustEpoch();

        CoreFixture.Enrolled again = fixture.enrolWithApp("alice");

        assertNotEquals(epochBefore, again.confirmation().outcome().trustEpoch());
        assertTrue(accounts.devices("alice").isEmpty());
    }

    @Test
    void evaluateWhenAutoModeThenSetUpCreatedAndChallenged() {
        CoreFixture auto = new CoreFixture("{\"setup\": {\"mode\": \"auto\", \"methods\": [\"email\"]}}");

        Evaluation evaluation = auto.accounts.evaluate("bob", null, CALLER);

        assertEquals(Standing.CHALLENGE, evaluation.standing());
        assertEquals(Set.of(VerifyMethod.EMAIL), auto.accounts.lookup("bob").orElseThrow().methods());
    }

    @Test
    void evaluateWhenRequiredModeAndNotEnrolledThenEnroll() {
        CoreFixture required = new CoreFixture("{\"setup\": {\"mode\": \"required\"}}");

        assertEquals(Standing.ENROLL, required.accounts.evaluate("bob", null, CALLER).standing());
    }

    @Test
    void evaluateWhenRequiredWithDeadlineThenOptionalUntilDeadlineThenEnroll() {
        CoreFixture required = new CoreFixture("{\"setup\": {\"mode\": \"required\", \"enrollmentDeadlineDays\": 3}}");

        Evaluation first = required.accounts.evaluate("bob", null, CALLER);
        required.clock.advance(Duration.ofDays(2));
        Evaluation later = required.accounts.evaluate("bob", null, CALLER);
        required.clock.advance(Duration.ofDays(1));
        Evaluation due = required.accounts.evaluate("bob", null, CALLER);

        assertEquals(Standing.OPTIONAL, first.standing());
        assertEquals(3, first.graceDays());
        assertEquals(1, later.graceDays());
        assertEquals(Standing.ENROLL, due.standing());
        assertEquals(0, due.graceDays());
    }

    @Test
    void verifyWhenClockJumpsBackThenEarlierStepsStayUsedAndLockStaysOn() {
        CoreFixture.Enrolled enrolled = fixture.enrolWithApp("alice");
        fixture.clock.advance(Duration.ofMinutes(10));
        assertTrue(accounts.verify("alice", fixture.code(enrolled.secret(), 0), "s", CALLER).isVerified());

        fixture.clock.advance(Duration.ofMinutes(-5));

        assertEquals(Result.INVALID, accounts.verify("alice", fixture.code(enrolled.secret(), 0), "s", CALLER).result());
        for (int i = 0; i < 2; i++) {
            accounts.verify("alice", "00000" + i, "s", CALLER);
        }
        assertTrue(accounts.lookup("alice").orElseThrow().isLocked(fixture.clock.instant()));
        fixture.clock.advance(Duration.ofMinutes(-30));
        assertEquals(Result.LOCKED, accounts.verify("alice", "123456", "s", CALLER).result(),
                "a clock set back never shortens a lock");
    }

    @Test
    void evaluateWhenRecordCorruptThenUnavailableAndAudited() {
        fixture.enrolWithApp("alice");
        String comment = fixture.store.read("alice").orElseThrow();
        fixture.store.compareAndSet("alice", comment, comment.replace("[/twostep]", "x[/twostep]"));

        assertEquals(Standing.UNAVAILABLE, accounts.evaluate("alice", null, CALLER).standing());
        assertEquals(Standing.OPTIONAL, accounts.evaluate("bob", null, CALLER).standing());
        assertTrue(fixture.audit.recent("alice", 50).stream()
                .anyMatch(e -> e.event() == AuditEvent.Type.RECORD_CORRUPT));
    }

    @Test
    void auditTrailWhenCodesUsedThenNeverHoldsCodes() {
        CoreFixture.Enrolled enrolled = fixture.enrolWithApp("alice");
        String backup = enrolled.confirmation().backupCodes().get(0);
        accounts.verify("alice", backup, "s", CALLER);
        accounts.verify("alice", "123456", "s", CALLER);

        List<AuditEvent> trail = accounts.auditTrail("alice", 100);

        assertTrue(trail.size() >= 4);
        for (AuditEvent event : trail) {
            String line = event.toString();
            assertFalse(line.contains(backup) || line.contains(backup.replace("-", "").toUpperCase())
                    || line.contains("123456") || line.contains(enrolled.secret().toBase32()), line);
        }
    }

    @Test
    void startSetupWhenCalledThenSecretIsPendingOnly() {
        SetupSecret setup = accounts.startSetup("alice", CALLER);

        assertTrue(setup.otpauthUri().startsWith("otpauth://totp/TwoStep%20Sample:alice?secret=" + setup.secret()));
        UserRecord record = accounts.lookup("alice").orElseThrow();
        assertFalse(record.enabled());
        assertTrue(record.consent());
        assertTrue(record.pendingTotp() != null);
        OtpSecret.fromBase32(setup.secret());
    }
}
