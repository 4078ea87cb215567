package io.github.twostep.internal.store;

import io.github.twostep.store.AttemptLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link AttemptLedger} in memory: one node's count, lost at restart. When it holds
 * {@code maxEntries}, expired entries go first, then the half that expires soonest (so a flood
 * of fresh names cannot push out the long delays of names under attack).
 */
public final class InMemoryAttemptLedger implements AttemptLedger {
    private record Entry(String value, Instant expires) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxEntries;

    public InMemoryAttemptLedger(Clock clock, int maxEntries) {
        if (maxEntries < 2) {
            throw new IllegalArgumentException("maxEntries must be at least 2");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxEntries = maxEntries;
    }

    @Override
    public Optional<String> read(String key) {
        return Optional.ofNullable(entries.get(key)).map(Entry::value);
    }

    @Override
    public boolean compareAndSet(String key, String expected, String replacement, Instant expires) {
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(expires, "expires");
        if (entries.size() >= maxEntries && !entries.containsKey(key)) {
            makeRoom();
        }
        boolean[] written = new boolean[1];
        entries.compute(key, (k, entry) -> {
            if (!Objects.equals(entry == null ? null : entry.value(), expected)) {
                return entry;
            }
            written[0] = true;
            return new Entry(replacement, expires);
        });
        return written[0];
    }

    private synchronized void makeRoom() {
        if (entries.size() < maxEntries) {
            return;
        }
        Instant now = clock.instant();
        entries.values().removeIf(e -> e.expires().isBefore(now));
        if (entries.size() < maxEntries) {
            return;
        }
        entries.entrySet().stream().sorted(Comparator.comparing(e -> e.getValue().expires()))
                .limit(entries.size() / 2).map(Map.Entry::getKey).toList().forEach(entries::remove);
    }
}
