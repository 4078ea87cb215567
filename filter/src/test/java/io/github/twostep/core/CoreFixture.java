package io.github.twostep.core;

import io.github.twostep.config.VerifyMethod;
import io.github.twostep.config.Settings;
import io.github.twostep.otp.OtpSecret;
import io.github.twostep.otp.Totp;
import io.github.twostep.store.InMemoryUserDataStore;
import io.github.twostep.store.KeyRing;
import io.github.twostep.store.UserDataStore;
import io.github.twostep.testing.SettableClock;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Set;

/** Accounts over an in-memory store, a settable clock and a recorded audit trail. */
final class CoreFixture {
    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    static final Caller CALLER = new Caller("127.0.0.1", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");

    final SettableClock clock = new SettableClock(START);
    final UserDataStore store;
    final KeyRing keys = KeyRing.of("k1", new SecureRandom().generateSeed(32));
    final InMemoryAuditSink audit = new InMemoryAuditSink(1000, new LogAuditSink());
    final Accounts accounts;

    CoreFixture(String settingsJson) {
        this(settingsJson, new InMemoryUserDataStore());
    }

    CoreFixture(String settingsJson, UserDataStore store) {
        this.store = store;
        Settings settings = GuardTest.settings(settingsJson);
        this.accounts = new Accounts(settings, store, keys, audit, clock, new SecureRandom());
    }

    /** Enrols {@code user} with the app; answers the secret so tests can compute codes. */
    Enrolled enrolWithApp(String user) {
        SetupSecret setup = accounts.startSetup(user, CALLER);
        OtpSecret secret = OtpSecret.fromBase32(setup.secret());
        SetupConfirmation confirmation = accounts.confirmSetup(user, code(secret, 0), Set.of(VerifyMethod.APP, VerifyMethod.EMAIL),
                "sign-in", CALLER);
        if (!confirmation.outcome().isVerified()) {
            throw new AssertionError("enrolment failed: " + confirmation.outcome());
        }
        return new Enrolled(secret, confirmation);
    }

    /** The app code {@code offset} steps from now. */
    String code(OtpSecret secret, int offset) {
        Totp totp = new Totp(io.github.twostep.config.Algorithm.SHA1, 6, 30, 180, clock);
        return totp.key(secret).generate(totp.currentStep() + offset);
    }

    record Enrolled(OtpSecret secret, SetupConfirmation confirmation) {
    }
}
