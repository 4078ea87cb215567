package io.github.twostep.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreTableTest {
    private static final String JSON = """
            [
             {"benchmark": "io.github.twostep.benchmarks.StoreBenchmark.read",
              "params": {"database": "h2", "users": "1000"}, "primaryMetric": {"score": 10.0, "scoreError": 0.5}},
             {"benchmark": "io.github.twostep.benchmarks.StoreBenchmark.read",
              "params": {"database": "h2", "users": "100000"}, "primaryMetric": {"score": 12.0, "scoreError": 0.25}},
             {"benchmark": "io.github.twostep.benchmarks.StoreBenchmark.readCompareAndSet",
              "params": {"database": "postgres", "users": "1000"}, "primaryMetric": {"score": 100.0, "scoreError": 5}},
             {"benchmark": "io.github.twostep.benchmarks.StoreBenchmark.readCompareAndSet",
              "params": {"database": "postgres", "users": "100000"}, "primaryMetric": {"score": 200.0, "scoreError": 9}},
             {"benchmark": "io.github.twostep.benchmarks.StoreBenchmark.recordFailureThenClear",
              "params": {"database": "postgres", "users": "1000"}, "primaryMetric": {"score": 300.0, "scoreError": 9}},
             {"benchmark": "io.github.twostep.benchmarks.TotpVerifyBenchmark.twoStep",
              "params": {"steps": "6", "submitted": "wrong"}, "primaryMetric": {"score": 3900.0, "scoreError": 30.0}}
            ]
            """;

    @Test
    void printWhenBothSizesMeasuredThenRatioAndVerdictPerDatabaseAndOperation() throws Exception {
        List<StoreTable.Row> rows = StoreTable.read(new ObjectMapper().readTree(JSON));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        StoreTable.print(rows, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String table = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(5, rows.size());
        assertTrue(table.contains("| h2 | read | 10.0 | 0.5 | 12.0 | 0.3 | 1.20 |"), table);
        assertTrue(table.contains("| postgres | readCompareAndSet | 100.0 | 5.0 | 200.0 | 9.0 | 2.00 MISSED |"), table);
        assertFalse(table.contains("recordFailureThenClear"), table);
    }

    @Test
    void targetsWhenRatioAboveLimitThenMissed() throws Exception {
        List<Target> targets = StoreTable.targets(StoreTable.read(new ObjectMapper().readTree(JSON)));

        assertEquals(2, targets.size());
        assertTrue(targets.get(0).met());
        assertFalse(targets.get(1).met());
        assertEquals("| store | postgres readCompareAndSet, 100k/1k users | 2.00 | ≤ 1.50 | MISSED |",
                targets.get(1).markdownRow());
    }
}
