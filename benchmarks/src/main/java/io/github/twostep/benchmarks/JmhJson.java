package io.github.twostep.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the table printers read from JMH's JSON result file ({@code -rf json}). */
final class JmhJson {

    /** One benchmark result: the method's name, its {@code @Param} values, score and 99.9 % error. */
    record Result(String method, JsonNode params, double score, double error, JsonNode secondaryMetrics) {
    }

    private JmhJson() {
    }

    /**
     * The results file that is {@code tool}'s only argument; with any other command line prints
     * the usage and exits with status 2.
     */
    static JsonNode file(String tool, String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: " + tool + " <jmh-results.json>");
            System.exit(2);
        }
        return new ObjectMapper().readTree(Path.of(args[0]).toFile());
    }

    /**
     * The results of the benchmark class named {@code benchmarkClass} (its simple name), or of
     * every class when it is null; the error is NaN when JMH gave none.
     */
    static List<Result> results(JsonNode results, String benchmarkClass) {
        List<Result> found = new ArrayList<>();
        for (JsonNode result : results) {
            String benchmark = result.path("benchmark").asText();
            if (benchmarkClass != null && !benchmark.contains(benchmarkClass + ".")) {
                continue;
            }
            JsonNode primary = result.path("primaryMetric");
            found.add(new Result(benchmark.substring(benchmark.lastIndexOf('.') + 1), result.path("params"),
                    primary.path("score").asDouble(), primary.path("scoreError").asDouble(Double.NaN),
                    result.path("secondaryMetrics")));
        }
        return found;
    }
}
