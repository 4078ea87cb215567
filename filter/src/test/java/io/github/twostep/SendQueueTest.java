package io.github.twostep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.delivery.Contacts;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.internal.SenderThreads;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.core.SendOutcome.Result;
import io.github.twostep.internal.core.SendOutcome;
import io.github.twostep.internal.store.InMemoryUserDataStore;
import io.github.twostep.testing.GatedSender;
import io.github.twostep.testing.SettableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The background sender ({@code delivery.queue}) with the real {@link SenderThreads}: the send
 * quota is reserved before a message is queued, a full queue refuses and gives the quota back,
 * reloads keep the threads, and {@link TwoStep#close} lets queued messages out.
 */
class SendQueueTest {
    private static final Caller CALLER = new Caller("127.0.0.1", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final GatedSender sender = new GatedSender();
    private TwoStep twoStep;

    @AfterEach
    void close() {
        sender.release();
        if (twoStep != null) {
            twoStep.close();
        }
    }

    private static Settings settings(int resendSeconds, int maxSendsPerHour, int threads, int limit) {
        String json = """
                {"login": {"mode": "external"}, "store": {"type": "memory"},
                 "setup": {"mode": "auto", "methods": ["email"]},
                 "messageCode": {"resendSeconds": %d, "maxSendsPerHour": %d},
                 "delivery": {"queue": {"threads": %d, "limit": %d}}}""".formatted(resendSeconds, maxSendsPerHour,
                threads, limit);
        return new SettingsLoader(name -> null).load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "queue.json");
    }

    private TwoStep start(Settings settings) {
        twoStep = TwoStep.builder(settings).store(new InMemoryUserDataStore()).clock(clock).codeSender(sender)
                .contactResolver(user -> new Contacts(user + "@example.com", null)).build();
        return twoStep;
    }

    private SendOutcome sendLater(String user) {
        return sendLater(user, ended -> { });
    }

    private SendOutcome sendLater(String user, java.util.function.Consumer<SendOutcome> done) {
        Engine.of(twoStep).accounts().evaluate(user, null, CALLER);
        return Engine.of(twoStep).accounts().sendLater(user, VerifyMethod.EMAIL, "sign-in", Locale.ENGLISH, CALLER, done);
    }

    @Test
    void sendLaterWhenBurstForOneUserThenExactlyTheQuotaIsQueued() throws Exception {
        start(settings(0, 3, 1, 100));
        Engine.of(twoStep).accounts().evaluate("alice", null, CALLER);
        int burst = 32;
        ExecutorService callers = Executors.newFixedThreadPool(burst);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger ended = new AtomicInteger();
        List<Future<SendOutcome>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < burst; i++) {
                answers.add(callers.submit(() -> {
                    go.await();
                    return Engine.of(twoStep).accounts().sendLater("alice", VerifyMethod.EMAIL, "sign-in", Locale.ENGLISH,
                            CALLER, outcome -> ended.incrementAndGet());
                }));
            }
            go.countDown();
            List<Result> results = new ArrayList<>();
            for (Future<SendOutcome> answer : answers) {
                results.add(answer.get(20, TimeUnit.SECONDS).result());
            }

            assertEquals(3, results.stream().filter(r -> r == Result.SENT).count(), results.toString());
            assertEquals(burst - 3, results.stream().filter(r -> r == Result.TOO_MANY).count(), results.toString());
            sender.awaitEntered();
            assertEquals(2, twoStep.senders().waiting(), "one message at the sender, the other two queued");
            assertEquals(3, Engine.of(twoStep).accounts().lookup("alice").orElseThrow().sendQuota().sendsAt(clock.instant()));
            sender.release();
            assertEquals(3, sender.take(3).size());
            twoStep.close();
            assertEquals(3, ended.get());
            assertTrue(sender.delivered() == 0);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void sendLaterWhenQueueFullThenBusyAndTheQuotaGivenBackThenTheQueueDrains() throws Exception {
        start(settings(30, 5, 1, 1));
        assertEquals(Result.SENT, sendLater("alice").result());
        sender.awaitEntered();
        assertEquals(Result.SENT, sendLater("bob").result());

        SendOutcome refused = sendLater("carol");

        assertEquals(Result.BUSY, refused.result());
        assertEquals(Duration.ofSeconds(5), refused.retryAfter());
        var carol = Engine.of(twoStep).accounts().lookup("carol").orElseThrow();
        assertEquals(0, carol.sendQuota().sendsAt(clock.instant()), "a refused send does not count");
        assertNull(carol.messageCode(), "no code is left for a message that never went out");
        assertEquals(Result.BUSY, Engine.of(twoStep).accounts().queueNothing().result(), "unknown names are refused alike");
        sender.release();
        List<String> to = sender.take(2).stream().map(OutgoingMessage::to).toList();
        assertEquals(List.of("alice@example.com", "bob@example.com"), to);
        CompletableFuture<SendOutcome> carolsEnd = new CompletableFuture<>();
        assertEquals(Result.SENT, sendLater("carol", carolsEnd::complete).result());
        assertEquals("carol@example.com", sender.take(1).get(0).to());
        assertEquals(Result.SENT, carolsEnd.get(10, TimeUnit.SECONDS).result());
    }

    @Test
    void closeWhenSendsQueuedThenTheyGoOutOnNamedDaemonThreadsAndLaterSendsAreRefused() throws Exception {
        start(settings(30, 5, 1, 10));
        for (String user : List.of("alice", "bob", "carol")) {
            assertEquals(Result.SENT, sendLater(user).result());
        }
        sender.awaitEntered();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(twoStep::close);
        sender.release();
        closing.get(10, TimeUnit.SECONDS);

        assertEquals(3, sender.delivered(), "close let every queued message out");
        for (Thread thread : sender.threads()) {
            assertTrue(thread.getName().startsWith("twostep-send-"), thread.getName());
            assertTrue(thread.isDaemon(), thread.getName());
        }
        assertEquals(Result.BUSY, sendLater("admin").result());
        assertEquals(0, Engine.of(twoStep).accounts().lookup("admin").orElseThrow().sendQuota().sendsAt(clock.instant()));
    }

    @Test
    void reconfiguredWhenQueueSettingsChangeThenSameThreadsWithTheNewLimit() throws Exception {
        TwoStep first = start(settings(30, 5, 1, 1));

        TwoStep next = first.reconfigured(settings(30, 5, 2, 3));

        assertNotSame(first, next);
        assertSame(first.senders(), next.senders());
        twoStep = next;
        assertEquals(Result.SENT, sendLater("alice").result());
        assertEquals(Result.SENT, sendLater("bob").result());
        sender.awaitEntered();
        sender.awaitEntered();
        for (String user : List.of("carol", "dave", "erin")) {
            assertEquals(Result.SENT, sendLater(user).result(), user);
        }
        assertEquals(Result.BUSY, sendLater("frank").result(), "two at the sender and three waiting");
        sender.release();
        assertEquals(5, sender.take(5).size());
    }
}
