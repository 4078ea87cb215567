package io.github.twostep.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one table of ratios and targets over every benchmark that ran: the TOTP engine (JMH JSON),
 * the store (JMH JSON) and the filter hot path ({@link FilterThroughput}'s JSON)
 * and the load test ({@link LoadTest}'s JSON). A file that is
 * missing is reported as not run. Usage:
 * {@code Ratios [--totp F] [--store F] [--filter F] [--load F] [--load-verify F]} (the two load
 * files: full visits and the verify path alone).
 */
public final class Ratios {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Ratios() {
    }

    public static void main(String[] args) throws IOException {
        List<Target> targets = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            Path file = Path.of(args[i + 1]);
            String name = args[i].replaceFirst("^--", "");
            if (!Files.isRegularFile(file)) {
                notRun.add(name);
                continue;
            }
            JsonNode json = JSON.readTree(file.toFile());
            switch (name) {
                case "totp" -> targets.addAll(ResultTable.targets(ResultTable.read(json)));
                case "store" -> targets.addAll(StoreTable.targets(StoreTable.read(json)));
                case "filter" -> targets.addAll(filterTargets(json));
                case "load", "load-verify" -> targets.addAll(loadTargets(json));
                default -> throw new IllegalArgumentException(
                        "unknown benchmark " + args[i] + " (--totp, --store, --filter, --load, --load-verify)");
            }
        }
        print(targets, notRun, System.out);
    }

    /** Throughput with ÷ without, and the same from the server threads' CPU time per request. */
    static List<Target> filterTargets(JsonNode summary) {
        return List.of(
                new Target("filter", "verified requests/s, with ÷ without TwoStep", summary.path("ratio").asDouble(),
                        0.95, false),
                new Target("filter", "server CPU per request, without ÷ with TwoStep",
                        summary.path("cpuRatio").asDouble(), 0.95, false));
    }

    /**
     * Accepted verifications per second, errors, codes accepted twice, lost updates, on the verify
     * path the server's CPU per accepted code, and the same-run filter ratio.
     */
    static List<Target> loadTargets(JsonNode report) {
        long errors = 0;
        for (JsonNode n : report.path("errors")) {
            errors += n.asLong();
        }
        double seconds = report.path("seconds").asDouble();
        double accepted = report.path("totpAccepted").asDouble() + report.path("backupAccepted").asDouble();
        boolean verifyPath = report.path("mode").asText("visit").equals("verify");
        String name = verifyPath ? "load, verify path" : "load, full visits";
        List<Target> targets = new ArrayList<>(List.of(
                new Target(name, "accepted verifications/s", seconds > 0 ? accepted / seconds : 0, 1000, false),
                new Target(name, "errors", errors, 0, true),
                new Target(name, "code or step accepted twice", report.path("acceptedTwice").asDouble(), 0, true),
                new Target(name, "users with lost updates", report.path("mismatches").size(), 0, true)));
        JsonNode serverNanos = report.path("cpu").path("serverNanos");
        if (verifyPath && serverNanos.isNumber() && accepted > 0) {
            // #12: at most 0.5 ms of server CPU per accepted code (0.76 ms on 24 November); JIT compilers included
            targets.add(new Target(name, "server CPU per accepted code (ms)", serverNanos.asDouble() / 1e6 / accepted,
                    0.5, true));
        }
        double filterRatio = report.path("filterRatio").asDouble();
        if (filterRatio > 0) {
            targets.add(new Target(name, "verified requests/s, with ÷ without TwoStep", filterRatio, 0.95, false));
        }
        return targets;
    }

    static void print(List<Target> targets, List<String> notRun, PrintStream out) {
        out.println("| benchmark | ratio | measured | target | verdict |");
        out.println("|---|---|---:|---|---|");
        for (Target target : targets) {
            out.println(target.markdownRow());
        }
        long missed = targets.stream().filter(t -> !t.met()).count();
        out.println();
        out.println(targets.size() + " targets, " + (targets.size() - missed) + " met, " + missed + " missed"
                + (notRun.isEmpty() ? "" : "; not run: " + String.join(", ", notRun)));
    }
}
