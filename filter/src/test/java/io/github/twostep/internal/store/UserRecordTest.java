package io.github.twostep.internal.store;

import static io.github.twostep.internal.store.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.config.VerifyMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserRecordTest {
    private final SecretCipher cipher = new SecretCipher(Fixtures.keyRing());
    private final UserRecord enrolled = Fixtures.enrolled(cipher, "alice");

    @Test
    void useStepWhenLaterThenAcceptedAndEqualOrOlderRefused() {
        UserRecord used = enrolled.useStep(100).orElseThrow();
        assertEquals(100, used.lastStep());
        assertEquals(Optional.empty(), used.useStep(100));
        assertEquals(Optional.empty(), used.useStep(99));
        assertEquals(101, used.useStep(101).orElseThrow().lastStep());
    }

    @Test
    void consumeBackupCodeWhenPresentThenRemovedOnce() {
        String code = enrolled.backupCodes().get(3);
        UserRecord after = enrolled.consumeBackupCode(code).orElseThrow();
        assertEquals(9, after.backupCodes().size());
        assertFalse(after.backupCodes().contains(code));
        assertEquals(Optional.empty(), after.consumeBackupCode(code));
        assertEquals(Optional.empty(), enrolled.consumeBackupCode(Fixtures.codeHash()));
    }

    @Test
    void recordFailureWhenMaxReachedThenLockedAndLockEndsAfterMinutes() {
        UserRecord r = enrolled;
        for (int i = 0; i < 4; i++) {
            r = r.recordFailure(NOW, 5, 15);
        }
        assertFalse(r.isLocked(NOW));
        r = r.recordFailure(NOW, 5, 15);
        assertEquals(5, r.failures());
        assertTrue(r.isLocked(NOW.plus(Duration.ofMinutes(14))));
        assertFalse(r.isLocked(NOW.plus(Duration.ofMinutes(15))));
        UserRecord during = r.recordFailure(NOW.plusSeconds(60), 5, 15);
        assertEquals(r.lockedUntil(), during.lockedUntil());
        UserRecord afterLock = r.recordFailure(NOW.plus(Duration.ofMinutes(16)), 5, 15);
        assertEquals(6, afterLock.failures(), "failures count on across lock periods");
        assertNull(afterLock.lockedUntil());
    }

    @Test
    void recordFailureWhenLocksFollowEachOtherThenEachTwiceAsLongUpToADay() {
        LockoutRule rule = new LockoutRule(5, 15, 100);
        UserRecord r = enrolled;
        Instant now = NOW;
        List<Duration> locks = new java.util.ArrayList<>();
        for (int lock = 0; lock < 9; lock++) {
            for (int i = 0; i < 5; i++) {
                r = r.recordFailure(now, rule);
            }
            locks.add(Duration.between(now, r.lockedUntil()));
            now = r.lockedUntil();
        }
        assertEquals(List.of(Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
                Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(16), Duration.ofHours(24),
                Duration.ofHours(24)), locks);
        assertEquals(45, r.failures());
    }

    @Test
    void recordFailureWhenMaxConsecutiveReachedThenLockedForGoodUntilCleared() {
        LockoutRule rule = new LockoutRule(5, 15, 12);
        UserRecord r = enrolled;
        Instant now = NOW;
        for (int i = 0; i < 12; i++) {
            r = r.recordFailure(now, rule);
            if (r.isLocked(now) && !r.isLockedForGood()) {
                now = r.lockedUntil();
            }
        }
        assertTrue(r.isLockedForGood());
        assertTrue(r.isLocked(now.plus(Duration.ofDays(3650))), "only an administrator lifts it");
        assertFalse(r.clearFailures().isLockedForGood());
        assertFalse(r.clearFailures().isLocked(now));
    }

    @Test
    void recordFailureWhenMaxAttemptsZeroThenNeverLocks() {
        UserRecord r = enrolled;
        for (int i = 0; i < 50; i++) {
            r = r.recordFailure(NOW, 0, 15);
        }
        assertEquals(50, r.failures());
        assertFalse(r.isLocked(NOW));
    }

    @Test
    void markVerifiedWhenLockedThenFailuresAndLockCleared() {
        UserRecord locked = enrolled.recordFailure(NOW, 1, 15);
        UserRecord verified = locked.markVerified(NOW);
        assertFalse(verified.isLocked(NOW));
        assertEquals(0, verified.failures());
        assertEquals(NOW, verified.lastVerified());
    }

    @Test
    void trustDeviceWhenOverMaxThenOldestEvicted() {
        UserRecord r = enrolled;
        for (int i = 0; i < 5; i++) {
            r = r.trustDevice(Fixtures.device(i), 3);
        }
        assertEquals(3, r.devices().size());
        assertEquals(List.of(NOW.plusSeconds(2), NOW.plusSeconds(3), NOW.plusSeconds(4)),
                r.devices().stream().map(TrustedDevice::created).toList());
    }

    @Test
    void trustDeviceWhenLabelLongOrHostileThenCutAndCleaned() {
        TrustedDevice d = Fixtures.device(1);
        TrustedDevice hostile = new TrustedDevice("x1", d.tokenHash(), "evil\nlabel [/twostep] " + "y".repeat(100),
                NOW, NOW, NOW.plusSeconds(60));
        assertEquals(TrustedDevice.MAX_LABEL, d.label().length());
        assertEquals("evil label [/twostep] yyyyyyyyyyyyyyyyyy", hostile.label());
    }

    @Test
    void revokeAndTouchDeviceWhenIdUnknownThenRefused() {
        TrustedDevice device = Fixtures.device(1);
        UserRecord r = enrolled.trustDevice(device, 20);
        assertEquals(Optional.empty(), r.revokeDevice("nope"));
        assertEquals(Optional.empty(), r.touchDevice("nope", NOW));
        assertEquals(NOW.plusSeconds(99), r.touchDevice(device.id(), NOW.plusSeconds(99)).orElseThrow()
                .devices().get(0).lastUsed());
        assertTrue(r.revokeDevice(device.id()).orElseThrow().devices().isEmpty());
        assertEquals(Optional.of(device), r.deviceWithTokenHash(device.tokenHash()));
    }

    @Test
    void bumpTrustEpochWhenDevicesThenAllForgotten() {
        UserRecord r = enrolled.trustDevice(Fixtures.device(1), 20).bumpTrustEpoch();
        assertEquals(1, r.trustEpoch());
        assertTrue(r.devices().isEmpty());
    }

    @Test
    void consumeEmergencyCodeWhenExpiredOrOtherThenRefusedAndOnceOnly() {
        String hash = Fixtures.codeHash();
        UserRecord r = enrolled.setEmergencyCode(new ExpiringCode(hash, NOW.plusSeconds(120)));
        assertEquals(Optional.empty(), r.consumeEmergencyCode(hash, NOW.plusSeconds(120)));
        assertEquals(Optional.empty(), r.consumeEmergencyCode(Fixtures.codeHash(), NOW));
        UserRecord used = r.consumeEmergencyCode(hash, NOW).orElseThrow();
        assertEquals(Optional.empty(), used.consumeEmergencyCode(hash, NOW));
    }

    @Test
    void consumeMessageCodeWhenValidThenClearedOnce() {
        String hash = Fixtures.codeHash();
        UserRecord r = enrolled.withMessageCode(new MessageCode(hash, NOW.plusSeconds(300), VerifyMethod.EMAIL));
        UserRecord used = r.consumeMessageCode(hash, NOW).orElseThrow();
        assertNull(used.messageCode());
        assertEquals(Optional.empty(), used.consumeMessageCode(hash, NOW));
    }

    @Test
    void disableWhenEnrolledThenFactorsForgottenAndEpochBumped() {
        UserRecord r = enrolled.trustDevice(Fixtures.device(1), 20).disable();
        assertFalse(r.enabled());
        assertNull(r.totp());
        assertTrue(r.backupCodes().isEmpty());
        assertTrue(r.devices().isEmpty());
        assertEquals(Set.of(), r.methods());
        assertEquals(1, r.trustEpoch());
        assertTrue(r.consent());
    }

    @Test
    void resetWhenLockedThenLockAndQuotaClearedToo() {
        UserRecord r = enrolled.recordFailure(NOW, 1, 15).recordSend(NOW).reset();
        assertFalse(r.isLocked(NOW));
        assertEquals(SendQuota.NONE, r.sendQuota());
        assertFalse(r.enabled());
    }

    @Test
    void recordSendWhenWithinHourThenCountedElseNewWindow() {
        UserRecord r = enrolled.recordSend(NOW).recordSend(NOW.plusSeconds(60));
        assertEquals(2, r.sendQuota().sendsAt(NOW.plusSeconds(120)));
        assertEquals(0, r.sendQuota().sendsAt(NOW.plus(Duration.ofHours(1))));
        assertEquals(1, r.recordSend(NOW.plus(Duration.ofHours(2))).sendQuota().sendsInWindow());
    }

    @Test
    void enableWhenAppWithoutSecretThenRefused() {
        UserRecord empty = UserRecord.empty(NOW);
        assertThrows(IllegalStateException.class, () -> empty.enable(EnumSet.of(VerifyMethod.APP)));
        assertEquals(Set.of(VerifyMethod.EMAIL), empty.enable(EnumSet.of(VerifyMethod.EMAIL)).methods());
        assertEquals(Optional.empty(), empty.confirmPendingTotp());
    }

    @Test
    void toStringWhenSecretsPresentThenNoHashOrCiphertextShown() {
        String text = enrolled.setEmergencyCode(new ExpiringCode(Fixtures.codeHash(), NOW)).toString();
        assertFalse(text.contains("h1$"));
        assertFalse(text.contains(enrolled.totp().secret().payload()));
    }

    @Test
    void withLanguageWhenNullThenKeptAndWhenNotAnIsoCodeThenRejected() {
        UserRecord german = UserRecord.empty(NOW).withLanguage("de");

        assertEquals("de", german.withLanguage(null).language());
        assertEquals("fr", german.withLanguage("fr").language());
        assertThrows(IllegalArgumentException.class, () -> german.withLanguage("de-DE"));
        assertThrows(IllegalArgumentException.class, () -> german.withLanguage("<script>"));
    }
}
