package io.github.twostep.internal.core;

import io.github.twostep.Caller;
import io.github.twostep.config.Settings;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.CodeSender;
import io.github.twostep.delivery.Contacts;
import io.github.twostep.delivery.DeliveryException;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import io.github.twostep.internal.store.InMemoryUserDataStore;
import io.github.twostep.internal.store.KeyRing;
import io.github.twostep.store.UserDataStore;
import io.github.twostep.testing.SettableClock;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Accounts over an in-memory store, a settable clock and a recorded audit trail. */
final class CoreFixture {
    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    static final Caller CALLER = new Caller("127.0.0.1", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");

    final SettableClock clock = new SettableClock(START);
    final UserDataStore store;
    final KeyRing keys = KeyRing.of("k1", new SecureRandom().generateSeed(32));
    final RecordingSender outbox = new RecordingSender();
    final InMemoryAuditSink audit = new InMemoryAuditSink(1000, new LogAuditSink());
    final Accounts accounts;

    CoreFixture(String settingsJson) {
        this(settingsJson, new InMemoryUserDataStore());
    }

    CoreFixture(String settingsJson, UserDataStore store) {
        this.store = store;
        Settings settings = GuardTest.settings(settingsJson);
        this.accounts = new Accounts(settings, store, keys, audit, clock, new SecureRandom(), outbox,
                user -> new Contacts(user + "@example.com", user.equals("bob") ? "+1 555 0100" : null));
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

    /** Keeps every message; fails while {@code failing} is set, as a mail server that is down. */
    static final class RecordingSender implements CodeSender {
        final List<OutgoingMessage> sent = new CopyOnWriteArrayList<>();
        volatile boolean failing;
        /** Channels that fail while the others work, as an SMS gateway that is down. */
        volatile Set<Channel> failingChannels = Set.of();

        @Override
        public void send(OutgoingMessage message) {
            if (failing || failingChannels.contains(message.channel())) {
                throw new DeliveryException("mail server down");
            }
            sent.add(message);
        }

        /** The code in the last message: its run of digits or capitals of the configured length. */
        String lastCode(int length) {
            Matcher code = Pattern.compile("\\b[0-9A-Z]{" + length + "}\\b").matcher(sent.get(sent.size() - 1).text());
            if (!code.find()) {
                throw new AssertionError("no code in the message");
            }
            return code.group();
        }
    }
}
