package io.github.twostep.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.Caller;
import io.github.twostep.audit.AuditEvent;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.delivery.Channel;
import io.github.twostep.internal.core.SendOutcome.Result;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.store.SendQuota;
import io.github.twostep.internal.store.UserRecord;
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

/** {@code delivery.fallback}: when a channel fails, the next listed one delivers, and only a delivery counts. */
class FallbackSendingTest {
    private static final Caller CALLER = CoreFixture.CALLER;
    private final CoreFixture fixture = new CoreFixture("""
            {"verify": {"sms": true, "call": true},
             "delivery": {"sms": "class:com.example.Sms", "call": "class:com.example.Call",
                          "fallback": ["sms", "call", "email"]},
             "messageCode": {"length": 6, "resendSeconds": 30, "maxSendsPerHour": 3}}""");
    private final Accounts accounts = fixture.accounts;

    /** Bob (who has a phone) with the app, SMS and email. */
    private void enrolBob(Set<VerifyMethod> methods) {
        SetupSecret setup = accounts.startSetup("bob", CALLER);
        SetupConfirmation done = accounts.confirmSetup("bob", fixture.code(OtpSecret.fromBase32(setup.secret()), 0),
                methods, "sign-in", CALLER);
        assertTrue(done.outcome().isVerified());
    }

    private SendOutcome sendSms() {
        return accounts.send("bob", VerifyMethod.SMS, "s", Locale.ENGLISH, CALLER);
    }

    @Test
    void sendWhenSmsFailsThenNextUsableMethodDeliversAndOnlyItCounts() {
        enrolBob(Set.of(VerifyMethod.APP, VerifyMethod.SMS, VerifyMethod.EMAIL));
        fixture.outbox.failingChannels = Set.of(Channel.SMS);

        SendOutcome sent = sendSms();

        assertEquals(Result.SENT, sent.result());
        assertEquals(VerifyMethod.EMAIL, sent.method(), "call is listed but not bob's: skipped");
        assertEquals("b***@example.com", sent.sentTo());
        assertEquals(1, fixture.outbox.sent.size());
        assertEquals(Channel.EMAIL, fixture.outbox.sent.get(0).channel());
        assertEquals(1, accounts.lookup("bob").orElseThrow().sendQuota().sendsAt(fixture.clock.instant()));
        assertTrue(fixture.audit.recent("bob", 10).stream().anyMatch(e -> e.event() == AuditEvent.Type.CODE_SENT
                && e.outcome() == AuditEvent.Outcome.SUCCESS && e.detail().equals("sms:failed>email")));
        assertTrue(accounts.verify("bob", fixture.outbox.lastCode(6), "s", CALLER).isVerified());
    }

    @Test
    void sendWhenChannelWorksThenNoFallbackAndMethodIsTheOneAsked() {
        enrolBob(Set.of(VerifyMethod.APP, VerifyMethod.SMS, VerifyMethod.EMAIL));

        SendOutcome sent = sendSms();

        assertEquals(VerifyMethod.SMS, sent.method());
        assertEquals(List.of(Channel.SMS), fixture.outbox.sent.stream().map(m -> m.channel()).toList());
    }

    @Test
    void sendWhenEveryChannelFailsThenFailedAndNothingCounted() {
        enrolBob(Set.of(VerifyMethod.APP, VerifyMethod.SMS, VerifyMethod.EMAIL));
        fixture.outbox.failing = true;

        SendOutcome failed = sendSms();

        assertEquals(Result.FAILED, failed.result());
        assertNull(failed.method());
        UserRecord after = accounts.lookup("bob").orElseThrow();
        assertNull(after.messageCode());
        assertEquals(SendQuota.NONE, after.sendQuota());
    }

    @Test
    void sendWhenSmsFailsConcurrentlyThenExactlyOneCodeDeliveredAndCounted() throws Exception {
        enrolBob(Set.of(VerifyMethod.APP, VerifyMethod.SMS, VerifyMethod.EMAIL));
        fixture.outbox.failingChannels = Set.of(Channel.SMS);
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<SendOutcome>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<SendOutcome> task = () -> {
                    go.await();
                    return sendSms();
                };
                results.add(pool.submit(task));
            }
            go.countDown();
            int sent = 0;
            for (Future<SendOutcome> result : results) {
                sent += result.get().result() == Result.SENT ? 1 : 0;
            }

            assertEquals(1, sent);
            assertEquals(1, fixture.outbox.sent.size());
            assertEquals(1, accounts.lookup("bob").orElseThrow().sendQuota().sendsAt(fixture.clock.instant()));
        } finally {
            pool.shutdownNow();
        }
    }
}
