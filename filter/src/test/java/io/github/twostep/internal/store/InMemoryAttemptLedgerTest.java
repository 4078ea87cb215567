package io.github.twostep.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twostep.store.AttemptLedger;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryAttemptLedgerTest extends AttemptLedgerContract {

    @Override
    AttemptLedger ledger() {
        return new InMemoryAttemptLedger(clock, 1000);
    }

    @Override
    boolean removesExpiredOnWrite() {
        return false;
    }

    @Test
    void compareAndSetWhenFullThenExpiredAndSoonestExpiringGoFirst() {
        AttemptLedger ledger = new InMemoryAttemptLedger(clock, 4);
        ledger.compareAndSet("expired", null, "1", clock.instant().plusSeconds(1));
        ledger.compareAndSet("soon", null, "1", clock.instant().plusSeconds(100));
        ledger.compareAndSet("late", null, "1", clock.instant().plus(Duration.ofDays(1)));
        ledger.compareAndSet("later", null, "1", clock.instant().plus(Duration.ofDays(2)));
        clock.advance(Duration.ofSeconds(10));
        ledger.compareAndSet("new", null, "1", clock.instant().plusSeconds(50));
        assertEquals(Optional.empty(), ledger.read("expired"));
        assertEquals(Optional.of("1"), ledger.read("soon"));
        ledger.compareAndSet("newer", null, "1", clock.instant().plusSeconds(500));
        assertEquals(Optional.empty(), ledger.read("new"));
        assertEquals(Optional.empty(), ledger.read("soon"));
        assertEquals(Optional.of("1"), ledger.read("late"));
        assertEquals(Optional.of("1"), ledger.read("later"));
        assertEquals(Optional.of("1"), ledger.read("newer"));
    }
}
