package io.github.twostep.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.DevOutbox;
import io.github.twostep.delivery.OutboxEntry;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.delivery.Purpose;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DevOutboxTest {
    private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");

    private final MutableClock clock = new MutableClock(NOW);

    @Test
    void messagesWhenSentThenNewestLastWithClockTime() {
        DevOutbox outbox = new DevOutbox(clock);

        outbox.send(sms("+1 555 0100", "first 111111"));
        clock.advance(Duration.ofSeconds(30));
        outbox.send(new OutgoingMessage(Channel.EMAIL, Purpose.SIGN_IN_CODE, "alice@example.com", "Your code",
                "second 222222", "<p>222222</p>"));

        List<OutboxEntry> messages = outbox.messages();
        assertEquals(2, messages.size());
        assertEquals(new OutboxEntry("+1 555 0100", Channel.SMS, null, "first 111111", NOW), messages.get(0));
        OutboxEntry last = messages.get(1);
        assertEquals("alice@example.com", last.to());
        assertEquals("email", last.channel().wireName());
        assertEquals("Your code", last.subject());
        assertEquals("second 222222", last.body());
        assertEquals("2026-03-01T09:30:30Z", last.sentAt().toString());
    }

    @Test
    void sendWhenFullThenOldestDropped() {
        DevOutbox outbox = new DevOutbox(clock, 3);

        for (int i = 1; i <= 5; i++) {
            outbox.send(sms("+1 555 0100", "message " + i));
        }

        assertEquals(List.of("message 3", "message 4", "message 5"),
                outbox.messages().stream().map(OutboxEntry::body).toList());
    }

    @Test
    void messagesWhenSnapshotTakenThenLaterSendsDoNotChangeIt() {
        DevOutbox outbox = new DevOutbox(clock);
        outbox.send(sms("+1 555 0100", "one"));

        List<OutboxEntry> snapshot = outbox.messages();
        outbox.send(sms("+1 555 0100", "two"));

        assertEquals(1, snapshot.size());
        assertThrows(UnsupportedOperationException.class, () -> snapshot.add(snapshot.get(0)));
    }

    @Test
    void clearWhenCalledThenEmpty() {
        DevOutbox outbox = new DevOutbox(clock);
        outbox.send(sms("+1 555 0100", "one"));

        outbox.clear();

        assertEquals(List.of(), outbox.messages());
    }

    @Test
    void sendWhenManyThreadsThenEveryMessageKeptOnce() throws Exception {
        DevOutbox outbox = new DevOutbox(clock, 10_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 500; i++) {
                    outbox.send(sms("+1 555 0100", thread + "-" + i));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals(4000, outbox.messages().stream().map(OutboxEntry::body).distinct().count());
    }

    @Test
    void toStringWhenEntryThenNoBodyAndMaskedContact() {
        OutboxEntry entry = new OutboxEntry("alice@example.com", Channel.EMAIL, "Your code", "code 123456", NOW);

        assertFalse(entry.toString().contains("123456"));
        assertFalse(entry.toString().contains("alice@"));
        assertNull(new OutboxEntry("+1 555 0100", Channel.SMS, null, "x", NOW).subject());
    }

    @Test
    void constructWhenCapacityZeroThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DevOutbox(clock, 0));
    }

    private static OutgoingMessage sms(String to, String text) {
        return new OutgoingMessage(Channel.SMS, Purpose.SIGN_IN_CODE, to, null, text, null);
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
