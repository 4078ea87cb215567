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

class WebAuthnTableTest {
    private static final String JSON = """
            [
             {"benchmark": "io.github.twostep.benchmarks.WebAuthnVerifyBenchmark.totp",
              "primaryMetric": {"score": 20.0, "scoreError": 2.0}},
             {"benchmark": "io.github.twostep.benchmarks.WebAuthnVerifyBenchmark.securityKey",
              "primaryMetric": {"score": 300.0, "scoreError": 30.0}},
             {"benchmark": "io.github.twostep.benchmarks.WebAuthnVerifyBenchmark.totpCodeOnly",
              "primaryMetric": {"score": 1.25, "scoreError": 0.5}},
             {"benchmark": "io.github.twostep.benchmarks.TotpVerifyBenchmark.twoStep",
              "params": {"steps": "6", "submitted": "wrong"}, "primaryMetric": {"score": 3900.0, "scoreError": 30.0}}
            ]
            """;

    private static String table(String json) throws Exception {
        List<WebAuthnTable.Row> rows = WebAuthnTable.read(new ObjectMapper().readTree(json));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WebAuthnTable.print(rows, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printWhenBothMeasuredThenRowsInOrderRatioToTotpAndRange() throws Exception {
        String table = table(JSON);

        assertEquals(3, WebAuthnTable.read(new ObjectMapper().readTree(JSON)).size(), "other benchmarks left out");
        assertTrue(table.contains("| totp | one accepted TOTP code through Accounts.completeChallenge (in-memory store)"
                + " | 20.0 | 2.00 | 1.00 |"), table);
        assertTrue(table.indexOf("| securityKey |") < table.indexOf("| totpCodeOnly |"), table);
        assertTrue(table.contains(" | 300.0 | 30.0 | 15.00 |"), table);
        assertTrue(table.contains(" | 1.25 | 0.50 | 0.06 |"), table);
        assertTrue(table.contains("securityKey / totp: 15.0 × (12.3 to 18.3 within the error bars)"), table);
        assertFalse(table.contains("assertionOnly"), table);
    }

    @Test
    void printWhenTotpErrorWiderThanItsTimeThenRangeUnknown() throws Exception {
        String table = table(JSON.replace("\"score\": 20.0, \"scoreError\": 2.0", "\"score\": 20.0, \"scoreError\": 25.0"));

        assertTrue(table.contains("securityKey / totp: 15.0 × (range unknown"), table);
    }
}
