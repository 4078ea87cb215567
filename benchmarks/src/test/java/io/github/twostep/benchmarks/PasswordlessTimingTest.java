package io.github.twostep.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordlessTimingTest {
    @Test
    void slowerWhenAlwaysLongerThenOneAndWhenSameThenOneHalf() {
        assertEquals(1.0, PasswordlessTiming.slower(List.of(5L, 6L), List.of(1L, 2L)));
        assertEquals(0.0, PasswordlessTiming.slower(List.of(1L, 2L), List.of(5L, 6L)));
        assertEquals(0.5, PasswordlessTiming.slower(List.of(3L, 3L), List.of(3L, 3L)));
        assertEquals(0.5, PasswordlessTiming.slower(List.of(1L, 4L), List.of(2L, 3L)));
    }

    @Test
    void percentileWhenNinetiethOfTenThenNinthSmallest() {
        List<Long> nanos = List.of(10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L).stream().map(n -> n * 1_000_000).toList();

        assertEquals(9.0, PasswordlessTiming.percentile(nanos, 90));
        assertEquals(5.0, PasswordlessTiming.percentile(nanos, 50));
    }
}
