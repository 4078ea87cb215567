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
import io.github.twostep.internal.core.MethodChange.Result;
import io.github.twostep.internal.store.UserRecord;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MethodChangesTest {
    private static final Caller CALLER = CoreFixture.CALLER;
    private static final String SETTINGS = """
            {"verify": {"app": true, "email": true, "sms": true},
             "delivery": {"sms": "class:com.example.SmsSender"},
             "lockout": {"maxFailedAttempts": 3, "minutes": 15},
             "messageCode": {"length": 6, "minutes": 5, "resendSeconds": 30, "maxSendsPerHour": 5}}""";
    private final CoreFixture fixture = new CoreFixture(SETTINGS);
    private final Accounts accounts = fixture.accounts;

    private String sendToAdd(String user, VerifyMethod method, String signIn) {
        SendOutcome sent = accounts.sendToAddMethod(user, method, signIn, Locale.ENGLISH, CALLER);
        assertEquals(SendOutcome.Result.SENT, sent.result(), "sent: " + sent);
        return fixture.outbox.lastCode(6);
    }

    private Set<VerifyMethod> methods(String user) {
        return accounts.lookup(user).orElseThrow().methods();
    }

    private long audited(AuditEvent.Type type, AuditEvent.Outcome outcome) {
        return fixture.audit.recent("bob", 1000).stream()
                .filter(e -> e.event() == type && e.outcome() == outcome).count();
    }

    @Test
    void addWhenSmsCodeOfThisSignInEnteredThenSmsOnAndUsableAtTheNextSignIn() {
        fixture.enrolWithApp("bob");
        String code = sendToAdd("bob", VerifyMethod.SMS, "sign-in-1");
        assertEquals(Channel.SMS, fixture.outbox.sent.get(fixture.outbox.sent.size() - 1).channel());
        assertEquals(Purpose.SETUP_CODE, fixture.outbox.sent.get(fixture.outbox.sent.size() - 1).purpose());
        int before = fixture.outbox.sent.size();

        MethodChange added = accounts.addMethod("bob", VerifyMethod.SMS, code, "sign-in-1", CALLER);

        assertEquals(Result.ADDED, added.result());
        assertEquals(Set.of(VerifyMethod.APP, VerifyMethod.EMAIL, VerifyMethod.SMS), methods("bob"));
        assertNull(accounts.lookup("bob").orElseThrow().messageCode(), "the code is used up");
        assertEquals(1, audited(AuditEvent.Type.METHOD_ADDED, AuditEvent.Outcome.SUCCESS));
        assertEquals(Purpose.SECURITY_NOTICE, fixture.outbox.sent.get(before).purpose());
        assertEquals(Channel.EMAIL, fixture.outbox.sent.get(before).channel());
        fixture.clock.advance(Duration.ofSeconds(31));
        accounts.send("bob", VerifyMethod.SMS, "sign-in-2", Locale.ENGLISH, CALLER);
        String signInCode = fixture.outbox.lastCode(6);
        assertTrue(accounts.verify("bob", signInCode, "sign-in-2", CALLER).isVerified());
    }

    @Test
    void addWhenCodeIsEnteredAsSignInCodeOrInAnotherSignInThenRefused() {
        fixture.enrolWithApp("bob");
        String code = sendToAdd("bob", VerifyMethod.SMS, "sign-in-1");

        assertEquals(VerifyOutcome.Result.INVALID, accounts.verify("bob", code, "sign-in-1", CALLER).result());
        MethodChange other = accounts.addMethod("bob", VerifyMethod.SMS, code, "sign-in-2", CALLER);

        assertEquals(Result.CODE_REFUSED, other.result());
        assertEquals(VerifyOutcome.Result.INVALID, other.code().result());
        assertEquals(2, accounts.lookup("bob").orElseThrow().failures(), "both wrong codes count toward the lock");
        assertEquals(Set.of(VerifyMethod.APP, VerifyMethod.EMAIL), methods("bob"));
    }

    @Test
    void addWhenCodeWasSentForAnotherMethodOrExpiredThenRefused() {
        fixture.enrolWithApp("bob");
        accounts.removeMethod("bob", VerifyMethod.EMAIL, CALLER);
        String emailCode = sendToAdd("bob", VerifyMethod.EMAIL, "s");
        assertEquals(Result.CODE_REFUSED, accounts.addMethod("bob", VerifyMethod.SMS, emailCode, "s", CALLER).result());
        fixture.clock.advance(Duration.ofMinutes(5));

        assertEquals(Result.CODE_REFUSED, accounts.addMethod("bob", VerifyMethod.EMAIL, emailCode, "s", CALLER).result());
        assertEquals(Set.of(VerifyMethod.APP), methods("bob"));
    }

    @Test
    void addWhenWrongCodesReachTheLimitThenLockedAndEvenTheRightCodeRefused() {
        fixture.enrolWithApp("bob");
        String code = sendToAdd("bob", VerifyMethod.SMS, "s");
        for (int i = 0; i < 3; i++) {
            accounts.addMethod("bob", VerifyMethod.SMS, "000000".equals(code) ? "111111" : "000000", "s", CALLER);
        }

        MethodChange locked = accounts.addMethod("bob", VerifyMethod.SMS, code, "s", CALLER);

        assertEquals(Result.CODE_REFUSED, locked.result());
        assertEquals(VerifyOutcome.Result.LOCKED, locked.code().result());
        assertFalse(methods("bob").contains(VerifyMethod.SMS));
    }

    @Test
    void addWhenMethodCannotBeAddedThenNothingSent() {
        fixture.enrolWithApp("alice");
        fixture.enrolWithApp("bob");
        int before = fixture.outbox.sent.size();

        assertEquals(SendOutcome.Result.NO_CONTACT,
                accounts.sendToAddMethod("alice", VerifyMethod.SMS, "s", Locale.ENGLISH, CALLER).result());
        assertEquals(SendOutcome.Result.NOT_ALLOWED,
                accounts.sendToAddMethod("bob", VerifyMethod.EMAIL, "s", Locale.ENGLISH, CALLER).result(), "already on");
        assertEquals(SendOutcome.Result.NOT_ALLOWED,
                accounts.sendToAddMethod("bob", VerifyMethod.APP, "s", Locale.ENGLISH, CALLER).result());
        assertEquals(SendOutcome.Result.NOT_ALLOWED,
                accounts.sendToAddMethod("bob", VerifyMethod.CALL, "s", Locale.ENGLISH, CALLER).result(), "off in settings");
        assertEquals(SendOutcome.Result.NOT_ALLOWED,
                accounts.sendToAddMethod("carol", VerifyMethod.EMAIL, "s", Locale.ENGLISH, CALLER).result(), "no 2FA");
        assertEquals(before, fixture.outbox.sent.size());
        assertEquals(Result.NOT_ENROLLED, accounts.addMethod("carol", VerifyMethod.EMAIL, "123456", "s", CALLER).result());
        assertEquals(Result.NOT_ALLOWED, accounts.addMethod("bob", VerifyMethod.APP, "123456", "s", CALLER).result());
    }

    @Test
    void removeWhenTheAppIsRemovedThenItsSecretIsForgottenAndEmailRemains() {
        CoreFixture.Enrolled enrolled = fixture.enrolWithApp("bob");
        int before = fixture.outbox.sent.size();

        MethodChange removed = accounts.removeMethod("bob", VerifyMethod.APP, CALLER);

        assertEquals(Result.REMOVED, removed.result());
        UserRecord record = accounts.lookup("bob").orElseThrow();
        assertEquals(Set.of(VerifyMethod.EMAIL), record.methods());
        assertTrue(record.enabled());
        assertNull(record.totp());
        fixture.clock.advance(Duration.ofSeconds(30));
        assertEquals(VerifyOutcome.Result.INVALID,
                accounts.verify("bob", fixture.code(enrolled.secret(), 0), "s", CALLER).result());
        assertEquals(1, audited(AuditEvent.Type.METHOD_REMOVED, AuditEvent.Outcome.SUCCESS));
        assertEquals(Purpose.SECURITY_NOTICE, fixture.outbox.sent.get(before).purpose());
    }

    @Test
    void removeWhenItIsTheLastMethodThenRefusedAndNothingChanges() {
        fixture.enrolWithApp("bob");
        accounts.removeMethod("bob", VerifyMethod.EMAIL, CALLER);
        UserRecord before = accounts.lookup("bob").orElseThrow();

        assertEquals(Result.LAST_METHOD, accounts.removeMethod("bob", VerifyMethod.APP, CALLER).result());
        assertEquals(Result.NOT_ENABLED, accounts.removeMethod("bob", VerifyMethod.EMAIL, CALLER).result());
        assertEquals(Result.NOT_ENROLLED, accounts.removeMethod("carol", VerifyMethod.EMAIL, CALLER).result());

        assertEquals(before, accounts.lookup("bob").orElseThrow());
        assertEquals(2, audited(AuditEvent.Type.METHOD_REMOVED, AuditEvent.Outcome.DENIED));
    }

    @Test
    void removeWhenTheOnlyOtherMethodIsOffInTheSettingsThenRefused() {
        fixture.enrolWithApp("bob");
        String code = sendToAdd("bob", VerifyMethod.SMS, "s");
        accounts.addMethod("bob", VerifyMethod.SMS, code, "s", CALLER);
        accounts.removeMethod("bob", VerifyMethod.EMAIL, CALLER);
        Accounts smsOff = new Accounts(GuardTest.settings("{\"verify\": {\"app\": true, \"email\": true}}"),
                fixture.store, fixture.keys, fixture.audit, fixture.clock, new SecureRandom(), fixture.outbox,
                user -> new io.github.twostep.delivery.Contacts(user + "@example.com", "+1 555 0100"));

        assertEquals(Result.LAST_METHOD, smsOff.removeMethod("bob", VerifyMethod.APP, CALLER).result());
        assertEquals(Result.REMOVED, smsOff.removeMethod("bob", VerifyMethod.SMS, CALLER).result());
        assertEquals(Set.of(VerifyMethod.APP), methods("bob"));
    }

    @Test
    void removeWhenRemovalsOfEveryMethodRaceThenExactlyOneMethodRemains() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 20; round++) {
                String user = "bob";
                accounts.reset(user, CALLER); // also clears the send quota
                fixture.enrolWithApp(user);
                fixture.clock.advance(Duration.ofSeconds(31));
                String code = sendToAdd(user, VerifyMethod.SMS, "s" + round);
                assertEquals(Result.ADDED, accounts.addMethod(user, VerifyMethod.SMS, code, "s" + round, CALLER).result());
                CountDownLatch start = new CountDownLatch(1);
                List<Future<MethodChange>> removals = new ArrayList<>();
                for (VerifyMethod method : List.of(VerifyMethod.APP, VerifyMethod.EMAIL, VerifyMethod.SMS)) {
                    removals.add(pool.submit(() -> {
                        start.await();
                        return accounts.removeMethod(user, method, CALLER);
                    }));
                }
                start.countDown();
                int removed = 0;
                for (Future<MethodChange> removal : removals) {
                    MethodChange change = removal.get();
                    removed += change.result() == Result.REMOVED ? 1 : 0;
                    assertTrue(change.result() == Result.REMOVED || change.result() == Result.LAST_METHOD, change.toString());
                }
                assertEquals(2, removed, "round " + round);
                assertEquals(1, methods(user).size(), "round " + round);
                fixture.clock.advance(Duration.ofMinutes(1));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
