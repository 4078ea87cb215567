package io.github.twostep.testing;

import io.github.twostep.delivery.CodeSender;
import io.github.twostep.delivery.OutgoingMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A mail server that holds every message until the test {@link #release}s it, and tells when
 * one reached it and when one went out, so tests of the background sender wait on events, not
 * on time. Thread-safe.
 */
public final class GatedSender implements CodeSender {
    private final CountDownLatch release = new CountDownLatch(1);
    private final Semaphore entered = new Semaphore(0);
    private final BlockingQueue<OutgoingMessage> delivered = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    @Override
    public void send(OutgoingMessage message) {
        threads.add(Thread.currentThread());
        entered.release();
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never released the sender");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        delivered.add(message);
    }

    /** Lets every held message, and every later one, go out. */
    public void release() {
        release.countDown();
    }

    /** Waits (at most 10 seconds) for one more message to reach the sender; fails if none does. */
    public void awaitEntered() throws InterruptedException {
        if (!entered.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no message reached the sender");
        }
    }

    /** The next {@code count} messages that went out, waiting for each at most 10 seconds. */
    public List<OutgoingMessage> take(int count) throws InterruptedException {
        List<OutgoingMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            OutgoingMessage next = delivered.poll(10, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("only " + i + " of " + count + " messages went out");
            }
            messages.add(next);
        }
        return messages;
    }

    /** The recipients of the next {@code count} messages that went out. */
    public List<String> takeRecipients(int count) throws InterruptedException {
        return take(count).stream().map(OutgoingMessage::to).toList();
    }

    /** How many messages went out and were not taken yet. */
    public int delivered() {
        return delivered.size();
    }

    /** The threads that called {@link #send}, in order. */
    public List<Thread> threads() {
        return List.copyOf(threads);
    }
}
