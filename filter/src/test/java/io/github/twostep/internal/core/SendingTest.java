package io.github.twostep.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.Caller;
import io.github.twostep.audit.AuditEvent;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.Purpose;
import io.github.twostep.internal.core.SendOutcome.Result;
import io.github.twostep.internal.core.VerifyOutcome.Factor;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.store.SendQuota;
import io.github.twostep.internal.store.UserRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SendingTest {
    private static final Caller CALLER = CoreFixture.CALLER;
    private final CoreFixture fixture = new CoreFixture("""
            {"verify": {"sms": true}, "delivery": {"sms": "class:com.example.SmsSender"},
             "messageCode": {"length": 6, "resendSeconds": 30, "maxSendsPerHour": 3}}""");
    private final Accounts accounts = fixture.accounts;

    CoreFixture autoEmail() {
        return new CoreFixture("{\"setup\": {\"mode\": \"auto\", \"methods\": [\"email\"]}}");
    }

    private SendOutcome send(Accounts on, String user, String signIn) {
        return on.send(user, VerifyMethod.EMAIL, signIn, Locale.ENGLISH, CALLER);
    }

    @Test
    void sendWhenChallengedThenEmailCodeVerifiesOnceForThatSignInOnly() {
        CoreFixture auto = autoEmail();
        auto.accounts.evaluate("alice", null, CALLER);

        SendOutcome sent = send(auto.accounts, "alice", "sign-in-1");

        assertEquals(Result.SENT, sent.result());
        assertEquals("a***@example.com", sent.sentTo());
        assertEquals(Duration.ofSeconds(30), sent.retryAfter());
        String code = auto.outbox.lastCode(6);
        assertEquals(Channel.EMAIL, auto.outbox.sent.get(0).channel());
        assertEquals(Purpose.SIGN_IN_CODE, auto.outbox.sent.get(0).purpose());
        assertEquals(VerifyOutcome.Result.INVALID, auto.accounts.verify("alice", code, "sign-in-2", CALLER).result());
        assertEquals(VerifyOutcome.verified(Factor.MESSAGE, 0, auto.accounts.lookup("alice").orElseThrow().trustEpoch()), auto.accounts.verify("alice", code, "sign-in-1", CALLER));
        assertEquals(VerifyOutcome.Result.INVALID, auto.accounts.verify("alice", code, "sign-in-1", CALLER).result());
    }

    @Test
    void sendWhenInsideCooldownThenRefusedAndNotCounted() {
        CoreFixture auto = autoEmail();
        auto.accounts.evaluate("alice", null, CALLER);
        send(auto.accounts, "alice", "s");
        auto.clock.advance(Duration.ofSeconds(10));

        SendOutcome again = send(auto.accounts, "alice", "s");

        assertEquals(Result.TOO_MANY, again.result());
        assertEquals(Duration.ofSeconds(20), again.retryAfter());
        assertEquals(1, auto.outbox.sent.size());
        assertEquals(1, auto.accounts.lookup("alice").orElseThrow().sendQuota().sendsAt(auto.clock.instant()));
    }

    @Test
    void sendWhenResentThenPreviousCodeVoid() {
        CoreFixture auto = autoEmail();
        auto.accounts.evaluate("alice", null, CALLER);
        send(auto.accounts, "alice", "s");
        String first = auto.outbox.lastCode(6);
        auto.clock.advance(Duration.ofSeconds(30));
        send(auto.accounts, "alice", "s");
        String second = auto.outbox.lastCode(6);

        if (!first.equals(second)) {
            assertEquals(VerifyOutcome.Result.INVALID, auto.accounts.verify("alice", first, "s", CALLER).result());
        }
        assertTrue(auto.accounts.verify("alice", second, "s", CALLER).isVerified());
    }

    @Test
    void sendWhenHourlyQuotaReachedThenRefusedUntilWindowEnds() {
        CoreFixture auto = new CoreFixture("""
                {"setup": {"mode": "auto", "methods": ["email"]},
                 "messageCode": {"resendSeconds": 0, "maxSendsPerHour": 3}}""");
        auto.accounts.evaluate("alice", null, CALLER);
        for (int i = 0; i < 3; i++) {
            assertEquals(Result.SENT, send(auto.accounts, "alice", "s").result());
            auto.clock.advance(Duration.ofMinutes(1));
        }

        SendOutcome fourth = send(auto.accounts, "alice", "s");

        assertEquals(Result.TOO_MANY, fourth.result());
        assertEquals(Duration.ofMinutes(57), fourth.retryAfter());
        auto.clock.advance(Duration.ofMinutes(57));
        assertEquals(Result.SENT, send(auto.accounts, "alice", "s").result());
    }

    @Test
    void sendWhenChannelFailsThenNothingRecordedAndOtherMethodsOffered() {
        CoreFixture.Enrolled enrolled = fixture.enrolWithApp("alice");
        UserRecord before = accounts.lookup("alice").orElseThrow();
        fixture.outbox.failing = true;

        SendOutcome failed = send(accounts, "alice", "s");

        assertEquals(Result.FAILED, failed.result());
        assertEquals(List.of("app"), failed.alternatives());
        UserRecord after = accounts.lookup("alice").orElseThrow();
        assertNull(after.messageCode());
        assertEquals(SendQuota.NONE, after.sendQuota());
        assertEquals(before.sendQuota(), after.sendQuota());
        assertTrue(fixture.audit.recent("alice", 10).stream().anyMatch(e -> e.event() == AuditEvent.Type.CODE_SENT
                && e.outcome() == AuditEvent.Outcome.FAILURE));
        assertTrue(accounts.verify("alice", fixture.code(enrolled.secret(), 1), "s", CALLER).isVerified());
    }

    @Test
    void sendWhenMethodNotEnabledForUserThenNotAllowed() {
        CoreFixture only = new CoreFixture("{}");
        SetupSecret setup = only.accounts.startSetup("alice", CALLER);
        SetupConfirmation appOnly = only.accounts.confirmSetup("alice",
                only.code(OtpSecret.fromBase32(setup.secret()), 0), Set.of(VerifyMethod.APP),
                "s", CALLER);
        assertTrue(appOnly.outcome().isVerified());

        assertEquals(Result.NOT_ALLOWED, send(only.accounts, "alice", "s").result());
        assertEquals(Result.NOT_ALLOWED, only.accounts.send("alice", VerifyMethod.APP, "s", Locale.ENGLISH,
                CALLER).result());
    }

    @Test
    void sendWhenNoPhoneThenNoContact() {
        SendOutcome outcome = accounts.send("alice", VerifyMethod.SMS, "s", Locale.ENGLISH, CALLER);

        assertEquals(Result.NO_CONTACT, outcome.result());
        assertTrue(fixture.outbox.sent.isEmpty());
    }

    @Test
    void sendWhenCodeExpiredThenInvalid() {
        CoreFixture auto = autoEmail();
        auto.accounts.evaluate("alice", null, CALLER);
        send(auto.accounts, "alice", "s");
        auto.clock.advance(Duration.ofMinutes(5));

        assertEquals(VerifyOutcome.Result.INVALID,
                auto.accounts.verify("alice", auto.outbox.lastCode(6), "s", CALLER).result());
    }

    @Test
    void setupByEmailWhenCodeFromSetupMessageThenEnabled() {
        SendOutcome sent = send(accounts, "bob", "setup");
        assertEquals(Purpose.SETUP_CODE, fixture.outbox.sent.get(0).purpose());

        SetupConfirmation confirmation = accounts.confirmSetup("bob", fixture.outbox.lastCode(6),
                Set.of(VerifyMethod.EMAIL), "setup", CALLER);

        assertEquals(Result.SENT, sent.result());
        assertTrue(confirmation.outcome().isVerified());
        assertEquals(Set.of(VerifyMethod.EMAIL), accounts.lookup("bob").orElseThrow().methods());
    }

    @Test
    void setupWhenEmailedCodeOffersAnotherChannelThenRefused() {
        send(accounts, "bob", "setup");

        SetupConfirmation sms = accounts.confirmSetup("bob", fixture.outbox.lastCode(6), Set.of(VerifyMethod.SMS),
                "setup", CALLER);

        assertEquals(VerifyOutcome.Result.INVALID, sms.outcome().result());
        assertFalse(accounts.lookup("bob").orElseThrow().enabled());
    }

    @Test
    void sendWhenSmsThenWebOtpLastLineAndCodeVerifies() {
        CoreFixture sms = new CoreFixture("""
                {"verify": {"sms": true}, "delivery": {"sms": "class:com.example.SmsSender"},
                 "setup": {"mode": "auto", "methods": ["sms"]}, "paths": {"publicUrl": "https://app.example.com/shop"}}""");
        sms.accounts.evaluate("bob", null, CALLER);

        SendOutcome sent = sms.accounts.send("bob", VerifyMethod.SMS, "s", Locale.ENGLISH, CALLER);

        assertEquals(Result.SENT, sent.result());
        assertEquals("+1 ••• ••• 0100", sent.sentTo());
        var message = sms.outbox.sent.get(0);
        assertEquals(Channel.SMS, message.channel());
        assertEquals("+1 555 0100", message.to());
        String code = sms.outbox.lastCode(6);
        String[] lines = message.text().split("\n");
        assertEquals("@app.example.com #" + code, lines[lines.length - 1]);
        assertTrue(sms.accounts.verify("bob", code, "s", CALLER).isVerified());
    }

    @Test
    void contactOfWhenPhoneThenMasked() {
        assertEquals("+1 ••• ••• 0100", accounts.contactOf("bob", VerifyMethod.SMS));
        assertEquals("b***@example.com", accounts.contactOf("bob", VerifyMethod.EMAIL));
        assertNull(accounts.contactOf("bob", VerifyMethod.APP));
    }

    @Test
    void emergencyAndOperatorCodesWhenSubmittedConcurrentlyThenUsedExactlyOnce() throws Exception {
        fixture.enrolWithApp("alice");
        String emergency = accounts.emergencyCode("alice", CALLER).code();
        accounts.operatorCode("alice", "482913", CALLER);

        for (String code : List.of(emergency, "482913")) {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> accounts.verify("alice", code, "s", CALLER).isVerified());
            }
            List<Boolean> results = together(calls);
            assertEquals(1, results.stream().filter(Boolean::booleanValue).count(), code + ": " + results);
            accounts.unlock("alice", CALLER);
        }
        assertFalse(accounts.lookup("alice").orElseThrow().isLocked(fixture.clock.instant()));
    }

    @Test
    void securityNoticesWhenAccountChangesThenEmailedWithoutCodes() {
        CoreFixture.Enrolled enrolled = fixture.enrolWithApp("alice");
        accounts.regenerateBackupCodes("alice", CALLER);
        accounts.trustDevice("alice", CALLER);
        String emergency = accounts.emergencyCode("alice", CALLER).code();
        accounts.verify("alice", emergency, "s", CALLER);
        accounts.disable("alice", CALLER);
        accounts.reset("alice", CALLER);

        List<String> subjects = fixture.outbox.sent.stream().filter(m -> m.purpose() == Purpose.SECURITY_NOTICE)
                .map(m -> m.subject()).toList();
        assertEquals(5, subjects.size(), subjects.toString());
        for (var message : fixture.outbox.sent) {
            assertEquals("alice@example.com", message.to());
            assertFalse(message.text().contains(emergency), message.text());
            assertFalse(message.text().contains(enrolled.secret().toBase32()), message.text());
        }
    }

    @Test
    void securityNoticeWhenCallerPrefersGermanThenWrittenInGermanAndOthersInEnglish() {
        fixture.enrolWithApp("alice");
        Caller german = new Caller("127.0.0.1", "Firefox", Locale.GERMANY);
        Caller french = new Caller("127.0.0.1", "Firefox", Locale.FRENCH);

        accounts.regenerateBackupCodes("alice", german);
        accounts.regenerateBackupCodes("alice", french);
        accounts.disable("alice", new Caller("127.0.0.1", "Firefox", null));

        List<String> subjects = fixture.outbox.sent.stream().filter(m -> m.purpose() == Purpose.SECURITY_NOTICE)
                .map(m -> m.subject()).toList();
        assertEquals(3, subjects.size(), subjects.toString());
        assertTrue(subjects.get(0).startsWith("Neue Backup-Codes für Ihr Konto"), subjects.get(0));
        assertTrue(subjects.get(1).startsWith("New backup codes for your"), subjects.get(1));
        assertTrue(subjects.get(2).contains("turned off"), subjects.get(2));
    }

    @Test
    void adminResetNoticeWhenUserLastProvedACodeInGermanThenGermanWhateverTheAdminsLanguage() {
        CoreFixture.Enrolled enrolled = fixture.enrolWithApp("alice");
        fixture.enrolWithApp("bob");
        fixture.clock.advance(Duration.ofSeconds(30));
        assertTrue(accounts.verify("alice", fixture.code(enrolled.secret(), 0), "s", false,
                new Caller("127.0.0.1", "Firefox", Locale.GERMANY)).isVerified());
        Caller englishAdmin = new Caller("127.0.0.1", "Firefox", Locale.UK);

        accounts.reset("alice", englishAdmin);
        accounts.reset("bob", englishAdmin);

        List<String> subjects = fixture.outbox.sent.stream().filter(m -> m.purpose() == Purpose.SECURITY_NOTICE)
                .map(m -> m.subject()).toList();
        assertEquals("de", accounts.lookup("alice").orElseThrow().language());
        assertTrue(subjects.get(0).startsWith("Die Zwei-Faktor-Anmeldung für Ihr Konto"), subjects.get(0));
        assertTrue(subjects.get(1).startsWith("Two-factor authentication was reset"), subjects.get(1));
    }

    @Test
    void securityNoticeWhenMailDownThenActionStillDone() {
        fixture.enrolWithApp("alice");
        fixture.outbox.failing = true;

        accounts.disable("alice", CALLER);

        assertFalse(accounts.lookup("alice").orElseThrow().enabled());
    }

    static <T> List<T> together(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
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
    void sendWhenPublicUrlSetThenEmailLinksThereAndWithoutItNoLink() {
        CoreFixture linked = new CoreFixture("""
                {"setup": {"mode": "auto", "methods": ["email"]}, "paths": {"publicUrl": "https://app.example.com/shop"}}""");
        linked.accounts.evaluate("alice", null, CALLER);
        CoreFixture unlinked = new CoreFixture("{\"setup\": {\"mode\": \"auto\", \"methods\": [\"email\"]}}");
        unlinked.accounts.evaluate("alice", null, CALLER);

        linked.accounts.send("alice", VerifyMethod.EMAIL, "s", Locale.ENGLISH, CALLER);
        unlinked.accounts.send("alice", VerifyMethod.EMAIL, "s", Locale.ENGLISH, CALLER);

        assertTrue(linked.outbox.sent.get(0).text().contains("https://app.example.com/shop/2fa/not-me?t="),
                "the link is built in core from paths.publicUrl and the prefix");
        assertFalse(unlinked.outbox.sent.get(0).text().contains("not-me"), "no public URL, no link");
    }
}
