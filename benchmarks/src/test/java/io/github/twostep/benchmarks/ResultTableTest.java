package io.github.twostep.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    private static final String JSON = """
            [
             {"benchmark": "io.github.twostep.benchmarks.SingleHmacBenchmark.oneHmac", "params": null,
              "primaryMetric": {"score": 200.0, "scoreError": 2.0},
              "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 40.0}}},
             {"benchmark": "io.github.twostep.benchmarks.TotpVerifyBenchmark.macBaseline",
              "params": {"steps": "6", "submitted": "wrong"},
              "primaryMetric": {"score": 2600.0, "scoreError": 20.0},
              "secondaryMetrics": {"·gc.alloc.rate.norm": {"score": 520.0}}},
             {"benchmark": "io.github.twostep.benchmarks.TotpVerifyBenchmark.twoStep",
              "params": {"steps": "6", "submitted": "wrong"},
              "primaryMetric": {"score": 3900.0, "scoreError": 30.0},
              "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 0.0}}},
             {"benchmark": "io.github.twostep.benchmarks.TotpVerifyBenchmark.googleAuth",
              "params": {"steps": "6", "submitted": "wrong"},
              "primaryMetric": {"score": 9000.0, "scoreError": 90.0}, "secondaryMetrics": {}}
            ]
            """;

    @Test
    void printWhenResultsGivenThenRatiosToSameRunBaselineAndTargetVerdicts() throws Exception {
        List<ResultTable.Row> rows = ResultTable.read(new ObjectMapper().readTree(JSON));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ResultTable.print(rows, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String table = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(4, rows.size());
        assertTrue(table.contains("| ±6 | wrong | twoStep | 3900 | 30 | 0 | 1.50 |"), table);
        assertTrue(table.contains("| ±6 | wrong | macBaseline | 2600 | 20 | 520 | 1.00 |"), table);
        assertTrue(table.contains("| ±6 | wrong | googleAuth | 9000 | 90 | - | 3.46 |"), table);
        assertTrue(table.contains("wrong code at ±6 ≤ 1.3 × baseline: 1.50 × — MISSED"), table);
        assertTrue(table.contains("faster than googleAuth (±6, wrong): 0.43 × — met"), table);
    }
}
