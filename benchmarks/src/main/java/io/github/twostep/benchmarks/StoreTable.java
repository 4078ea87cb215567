package io.github.twostep.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the JMH JSON of {@link StoreBenchmark} into a Markdown table: per database and operation
 * the time per operation at 1,000 and at 100,000 users and their ratio, target at most 1.5.
 * Usage: {@code StoreTable store.json}.
 */
public final class StoreTable {
    static final double LIMIT = 1.5;
    private static final List<String> DATABASES = List.of("h2", "postgres");
    private static final List<String> OPERATIONS = List.of("read", "readCompareAndSet", "recordFailureThenClear");

    /** One measured row: microseconds per operation and JMH's 99.9 % error. */
    record Row(String operation, String database, int users, double micros, double error) {
    }

    private StoreTable() {
    }

    public static void main(String[] args) throws IOException {
        print(read(JmhJson.file("StoreTable", args)), System.out);
    }

    static List<Row> read(JsonNode results) {
        return JmhJson.results(results, "StoreBenchmark").stream()
                .map(r -> new Row(r.method(), r.params().path("database").asText(), r.params().path("users").asInt(),
                        r.score(), r.error()))
                .toList();
    }

    static void print(List<Row> rows, PrintStream out) {
        out.println("| database | operation | µs/op at 1k | ± | µs/op at 100k | ± | 100k/1k (target ≤ 1.5) |");
        out.println("|---|---|---:|---:|---:|---:|---:|");
        for (String database : DATABASES) {
            for (String operation : OPERATIONS) {
                Row small = find(rows, operation, database, 1000);
                Row large = find(rows, operation, database, 100_000);
                if (small != null && large != null) {
                    Target target = target(small, large);
                    out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %.1f | %.2f%s |%n", database, operation,
                            small.micros(), small.error(), large.micros(), large.error(), target.ratio(),
                            target.met() ? "" : " MISSED");
                }
            }
        }
    }

    /** The 100k/1k target of every database and operation measured at both sizes. */
    static List<Target> targets(List<Row> rows) {
        List<Target> targets = new ArrayList<>();
        for (String database : DATABASES) {
            for (String operation : OPERATIONS) {
                Row small = find(rows, operation, database, 1000);
                Row large = find(rows, operation, database, 100_000);
                if (small != null && large != null) {
                    targets.add(target(small, large));
                }
            }
        }
        return targets;
    }

    private static Target target(Row small, Row large) {
        return new Target("store", small.database() + " " + small.operation() + ", 100k/1k users",
                large.micros() / small.micros(), LIMIT, true);
    }

    private static Row find(List<Row> rows, String operation, String database, int users) {
        for (Row row : rows) {
            if (row.operation().equals(operation) && row.database().equals(database) && row.users() == users) {
                return row;
            }
        }
        return null;
    }
}
