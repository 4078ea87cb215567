package io.github.twostep.delivery;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * A {@link CodeSender} for development: it sends nothing and keeps the most recent messages in
 * memory, so the sample app can show them at {@code GET /dev/outbox}. Never use it in
 * production: anyone who can read it can read every code. Thread-safe.
 */
public final class DevOutbox implements CodeSender {
    /** How many messages are kept unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 200;

    private final Clock clock;
    private final int capacity;
    private final Deque<OutboxEntry> entries = new ArrayDeque<>();

    /** An outbox keeping the last {@value #DEFAULT_CAPACITY} messages. */
    public DevOutbox(Clock clock) {
        this(clock, DEFAULT_CAPACITY);
    }

    /** An outbox keeping the last {@code capacity} messages; older ones are dropped. */
    public DevOutbox(Clock clock, int capacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /** Keeps the message, dropping the oldest one when full. Never fails. */
    @Override
    public void send(OutgoingMessage message) {
        Objects.requireNonNull(message, "message");
        OutboxEntry entry = new OutboxEntry(message.to(), message.channel(), message.subject(), message.text(),
                clock.instant());
        synchronized (entries) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }
    }

    /** A snapshot of the kept messages, oldest first, newest last. */
    public List<OutboxEntry> messages() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** Forgets every kept message. */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
