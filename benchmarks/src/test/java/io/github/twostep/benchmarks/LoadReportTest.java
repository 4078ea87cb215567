package io.github.twostep.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadReportTest {

    @Test
    void percentileWhenHundredSamplesThenNearestRankInMilliseconds() {
        List<Long> nanos = new ArrayList<>();
        for (long i = 100; i >= 1; i--) {
            nanos.add(i * 1_000_000);
        }

        assertEquals(50.0, LoadReport.percentile(nanos, 50));
        assertEquals(99.0, LoadReport.percentile(nanos, 99));
    }

    @Test
    void percentileWhenNoSamplesThenZero() {
        assertEquals(0.0, LoadReport.percentile(List.of(), 99));
    }
}
