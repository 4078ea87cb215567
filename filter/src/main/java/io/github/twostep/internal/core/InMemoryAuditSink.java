package io.github.twostep.internal.core;

import io.github.twostep.audit.AuditEvent;
import io.github.twostep.audit.AuditSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Keeps the most recent audit events in memory (a bounded window, oldest dropped first) and
 * passes each one on to another sink; the admin API reads a user's trail from here.
 */
public final class InMemoryAuditSink implements AuditSink {
    private final Deque<AuditEvent> events = new ArrayDeque<>();
    private final int capacity;
    private final AuditSink next;

    /** Keeps up to {@code capacity} events and hands each to {@code next} as well. */
    public InMemoryAuditSink(int capacity, AuditSink next) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void record(AuditEvent event) {
        synchronized (events) {
            events.addLast(event);
            while (events.size() > capacity) {
                events.removeFirst();
            }
        }
        next.record(event);
    }

    @Override
    public List<AuditEvent> recent(String user, int limit) {
        List<AuditEvent> matching = new ArrayList<>();
        synchronized (events) {
            for (AuditEvent event : events) {
                if (Objects.equals(event.user(), user)) {
                    matching.add(event);
                }
            }
        }
        return List.copyOf(matching.subList(Math.max(0, matching.size() - limit), matching.size()));
    }
}
