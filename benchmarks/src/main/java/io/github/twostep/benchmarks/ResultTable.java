package io.github.twostep.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a JMH JSON result file into a Markdown table: each row's ns/op, allocation per op and
 * ratio to the bare-Mac baseline of the same window and code from the same run, then the
 * targets of issue 3 with "met" or "MISSED". Usage: {@code ResultTable results.json}.
 */
public final class ResultTable {
    private static final List<String> IMPLEMENTATIONS = List.of("macBaseline", "twoStep", "googleAuth", "samStevens");

    /** One measured row. */
    record Row(String method, int steps, String submitted, double nanos, double error, double bytes) {
    }

    private ResultTable() {
    }

    public static void main(String[] args) throws IOException {
        print(read(JmhJson.file("ResultTable", args)), System.out);
    }

    static List<Row> read(JsonNode results) {
        return JmhJson.results(results, null).stream()
                .map(r -> new Row(r.method(), r.params().path("steps").asInt(0), r.params().path("submitted").asText(""),
                        r.score(), r.error(), allocation(r.secondaryMetrics())))
                .toList();
    }

    /** JMH names the metric "gc.alloc.rate.norm", older versions with a leading "·". */
    private static double allocation(JsonNode secondary) {
        for (var field : secondary.properties()) {
            if (field.getKey().endsWith("gc.alloc.rate.norm")) {
                return field.getValue().path("score").asDouble();
            }
        }
        return Double.NaN;
    }

    static void print(List<Row> rows, PrintStream out) {
        Row single = find(rows, "oneHmac", 0, "");
        out.println("| window | code | implementation | ns/op | ± (99.9 %) | alloc B/op | × baseline |");
        out.println("|---|---|---|---:|---:|---:|---:|");
        if (single != null) {
            out.println(line("1 step", "-", "one HMAC (Mac)", single, single));
        }
        for (int steps : new int[] {1, 6}) {
            for (String submitted : new String[] {"current", "oldest", "wrong"}) {
                Row baseline = find(rows, "macBaseline", steps, submitted);
                for (String method : IMPLEMENTATIONS) {
                    Row row = find(rows, method, steps, submitted);
                    if (row != null) {
                        out.println(line("±" + steps, submitted, method, row, baseline));
                    }
                }
            }
        }
        out.println();
        printTargets(rows, out);
    }

    private static void printTargets(List<Row> rows, PrintStream out) {
        out.println("Targets:");
        for (Target target : targets(rows)) {
            out.printf(Locale.ROOT, "- %s: %.2f × — %s%n", target.measure(), target.ratio(), target.verdict());
        }
    }

    /** The targets of issue 3, from the rows that are present. */
    static List<Target> targets(List<Row> rows) {
        List<Target> targets = new ArrayList<>();
        Row single = find(rows, "oneHmac", 0, "");
        Row wrong = find(rows, "twoStep", 6, "wrong");
        Row wrongBase = find(rows, "macBaseline", 6, "wrong");
        if (wrong != null && wrongBase != null) {
            targets.add(totp("wrong code at ±6 ≤ 1.3 × baseline", wrong.nanos() / wrongBase.nanos(), 1.3));
        }
        for (int steps : new int[] {1, 6}) {
            Row current = find(rows, "twoStep", steps, "current");
            if (current != null && single != null) {
                targets.add(totp("current code at ±" + steps + " ≤ 1.5 × one HMAC", current.nanos() / single.nanos(), 1.5));
            }
        }
        for (Row row : rows) {
            if (row.method().equals("twoStep")) {
                for (String library : List.of("googleAuth", "samStevens")) {
                    Row other = find(rows, library, row.steps(), row.submitted());
                    if (other != null) {
                        targets.add(totp("faster than " + library + " (±" + row.steps() + ", " + row.submitted() + ")",
                                row.nanos() / other.nanos(), 1.0));
                    }
                }
            }
        }
        return targets;
    }

    private static Target totp(String measure, double ratio, double limit) {
        return new Target("totp", measure, ratio, limit, true);
    }

    private static String line(String window, String submitted, String method, Row row, Row baseline) {
        String ratio = baseline == null ? "-" : String.format(Locale.ROOT, "%.2f", row.nanos() / baseline.nanos());
        return String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %.0f | %s | %s |", window, submitted,
                method, row.nanos(), row.error(),
                Double.isNaN(row.bytes()) ? "-" : String.format(Locale.ROOT, "%.0f", row.bytes()), ratio);
    }

    private static Row find(List<Row> rows, String method, int steps, String submitted) {
        for (Row row : rows) {
            if (row.method().equals(method) && row.steps() == steps && row.submitted().equals(submitted)) {
                return row;
            }
        }
        return null;
    }
}
