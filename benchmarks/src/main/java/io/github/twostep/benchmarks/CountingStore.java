package io.github.twostep.benchmarks;

import io.github.twostep.store.UserDataStore;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/** A store that counts the reads and writes passing through it to another store. */
final class CountingStore implements UserDataStore {
    private final UserDataStore store;
    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();

    CountingStore(UserDataStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Optional<String> read(String username) {
        reads.increment();
        return store.read(username);
    }

    @Override
    public boolean compareAndSet(String username, String expected, String replacement) {
        writes.increment();
        return store.compareAndSet(username, expected, replacement);
    }

    long reads() {
        return reads.sum();
    }

    long writes() {
        return writes.sum();
    }
}
