package io.github.twostep.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Turns the JMH JSON of {@link WebAuthnVerifyBenchmark} into a Markdown table: microseconds per
 * operation of each variant and its ratio to {@code totp} of the same run, then the ratio
 * securityKey/totp with the range its error bars allow. There is no target: issue 13 asks for
 * the cost side by side. Usage: {@code WebAuthnTable webauthn.json}.
 */
public final class WebAuthnTable {
    private static final List<String> ORDER = List.of("totp", "securityKey", "totpCodeOnly", "assertionOnly",
            "ecdsaOnly");
    private static final List<String> WHAT = List.of(
            "one accepted TOTP code through Accounts.completeChallenge (in-memory store)",
            "one accepted assertion through Accounts.completeKeyChallenge (in-memory store)",
            "TwoStep's TOTP engine alone on the current code (default window ±3)",
            "webauthn4j WebAuthnManager.verify of a parsed assertion",
            "the JDK's SHA256withECDSA (P-256) verification of its signature");

    /** One measured row: microseconds per operation and JMH's 99.9 % error. */
    record Row(String method, double micros, double error) {
    }

    private WebAuthnTable() {
    }

    public static void main(String[] args) throws IOException {
        print(read(JmhJson.file("WebAuthnTable", args)), System.out);
    }

    static List<Row> read(JsonNode results) {
        return JmhJson.results(results, "WebAuthnVerifyBenchmark").stream()
                .map(r -> new Row(r.method(), r.score(), r.error()))
                .toList();
    }

    static void print(List<Row> rows, PrintStream out) {
        Row totp = find(rows, "totp");
        out.println("| variant | what | µs/op | ± (99.9 %) | × totp |");
        out.println("|---|---|---:|---:|---:|");
        for (int i = 0; i < ORDER.size(); i++) {
            Row row = find(rows, ORDER.get(i));
            if (row != null) {
                out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", row.method(), WHAT.get(i), number(row.micros()),
                        number(row.error()), totp == null ? "-" : String.format(Locale.ROOT, "%.2f",
                                row.micros() / totp.micros()));
            }
        }
        Row key = find(rows, "securityKey");
        if (totp != null && key != null) {
            out.println();
            out.printf(Locale.ROOT, "securityKey / totp: %.1f ×%s%n", key.micros() / totp.micros(), range(key, totp));
        }
    }

    /** The ratio's range if both ends of both error bars are taken; empty when an error is unknown or too wide. */
    static String range(Row key, Row totp) {
        double low = totp.micros() + totp.error();
        double high = totp.micros() - totp.error();
        if (Double.isNaN(key.error()) || Double.isNaN(totp.error()) || high <= 0) {
            return " (range unknown: an error bar is missing or wider than the time)";
        }
        return String.format(Locale.ROOT, " (%.1f to %.1f within the error bars)",
                Math.max(0, key.micros() - key.error()) / low, (key.micros() + key.error()) / high);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
    }

    private static Row find(List<Row> rows, String method) {
        for (Row row : rows) {
            if (row.method().equals(method)) {
                return row;
            }
        }
        return null;
    }
}
