package io.github.twostep.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The filter's per-request cost for a VERIFIED session: the throughput of one Jetty application
 * with and without {@code TwoStepFilter} in front of it (see {@link FilterBenchApp}), measured in
 * one run with the same session cookie. After a warm-up of each, the two variants alternate for
 * a number of rounds (without/with, then with/without, …) so drift on a shared machine falls on
 * both. Bounded in time and in requests; loopback only. Prints Markdown tables and writes the
 * numbers as JSON.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.twostep.benchmarks.FilterThroughput \
 *     [--threads 4] [--seconds 10] [--rounds 3] [--warmup 5] [--max-requests 3000000] [--out filter.json]
 * </pre>
 */
public final class FilterThroughput {
    /** The run's settings. */
    record Options(int threads, int seconds, int rounds, int warmupSeconds, long maxRequests, Path out) {
    }

    /** Everything one run measured, as written to the JSON file. */
    record Summary(int threads, int secondsPerPhase, List<LoadPhase.Result> phases, double withPerSecond,
            double withoutPerSecond, double ratio, double minRoundRatio, double maxRoundRatio,
            double serverCpuMicrosWith, double serverCpuMicrosWithout, double cpuRatio, long storeReadsWith,
            long requestsWith, long errors) {
    }

    private FilterThroughput() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options options = parse(args);
        try (FilterBenchApp app = new FilterBenchApp()) {
            String session = VerifiedSession.create(app);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
            requireFilterActive(app, client);
            LoadPhase load = new LoadPhase(client, options.threads(), options.maxRequests(), app.store);
            Duration warmup = Duration.ofSeconds(options.warmupSeconds());
            load.run("with", app.uri("/with/page"), session, warmup);
            load.run("without", app.uri("/without/page"), session, warmup);
            List<LoadPhase.Result> phases = new ArrayList<>();
            Duration length = Duration.ofSeconds(options.seconds());
            for (int round = 0; round < options.rounds(); round++) {
                for (String variant : round % 2 == 0 ? List.of("without", "with") : List.of("with", "without")) {
                    phases.add(load.run(variant, app.uri("/" + variant + "/page"), session, length));
                }
            }
            Summary summary = summarise(options, phases);
            print(summary, System.out);
            if (options.out() != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(options.out().toFile(), summary);
            }
            if (summary.errors() > 0) {
                System.exit(1);
            }
        }
    }

    /** Without the cookie, a page behind the filter must not answer: otherwise nothing is measured. */
    private static void requireFilterActive(FilterBenchApp app, HttpClient client) throws IOException, InterruptedException {
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(app.uri("/with/page")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (anonymous.statusCode() == 200) {
            throw new IllegalStateException("the filter let an anonymous request through: nothing to measure");
        }
    }

    static Summary summarise(Options options, List<LoadPhase.Result> phases) {
        LoadPhase.Result with = total(phases, "with");
        LoadPhase.Result without = total(phases, "without");
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int i = 0; i + 1 < phases.size(); i += 2) {
            LoadPhase.Result a = phases.get(i);
            LoadPhase.Result b = phases.get(i + 1);
            double ratio = a.variant().equals("with") ? a.perSecond() / b.perSecond() : b.perSecond() / a.perSecond();
            min = Math.min(min, ratio);
            max = Math.max(max, ratio);
        }
        return new Summary(options.threads(), options.seconds(), phases, with.perSecond(), without.perSecond(),
                with.perSecond() / without.perSecond(), min, max, with.serverCpuMicrosPerRequest(),
                without.serverCpuMicrosPerRequest(),
                without.serverCpuMicrosPerRequest() / with.serverCpuMicrosPerRequest(), with.storeReads(),
                with.requests(), with.errors() + without.errors());
    }

    private static LoadPhase.Result total(List<LoadPhase.Result> phases, String variant) {
        long requests = 0;
        long errors = 0;
        double seconds = 0;
        long cpu = 0;
        long reads = 0;
        long writes = 0;
        for (LoadPhase.Result p : phases) {
            if (p.variant().equals(variant)) {
                requests += p.requests();
                errors += p.errors();
                seconds += p.seconds();
                cpu += p.serverCpuNanos();
                reads += p.storeReads();
                writes += p.storeWrites();
            }
        }
        return new LoadPhase.Result(variant, requests, errors, seconds, cpu, reads, writes);
    }

    static void print(Summary s, PrintStream out) {
        out.printf(Locale.ROOT, "%d client threads, %d s per phase, %d phases%n%n", s.threads(), s.secondsPerPhase(),
                s.phases().size());
        out.println("| phase | TwoStep filter | requests | s | requests/s | server CPU µs/request | store reads | errors |");
        out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
        int n = 1;
        for (LoadPhase.Result p : s.phases()) {
            out.printf(Locale.ROOT, "| %d | %s | %d | %.1f | %.0f | %.1f | %d | %d |%n", n++, p.variant(),
                    p.requests(), p.seconds(), p.perSecond(), p.serverCpuMicrosPerRequest(), p.storeReads(), p.errors());
        }
        out.println();
        out.println("| measure | with TwoStep | without | ratio (target ≥ 0.95) |");
        out.println("|---|---:|---:|---:|");
        out.printf(Locale.ROOT, "| requests/s | %.0f | %.0f | %.3f (rounds %.3f–%.3f) |%n", s.withPerSecond(),
                s.withoutPerSecond(), s.ratio(), s.minRoundRatio(), s.maxRoundRatio());
        out.printf(Locale.ROOT, "| server CPU µs/request | %.1f | %.1f | %.3f (without ÷ with) |%n",
                s.serverCpuMicrosWith(), s.serverCpuMicrosWithout(), s.cpuRatio());
        out.printf(Locale.ROOT, "%nStore reads while the verified session sent %d requests through the filter: %d.%n",
                s.requestsWith(), s.storeReadsWith());
    }

    private static Options parse(String[] args) {
        int threads = 4;
        int seconds = 10;
        int rounds = 3;
        int warmup = 5;
        long maxRequests = 3_000_000;
        Path out = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + args[i]);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--max-requests" -> maxRequests = Long.parseLong(value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--threads, --seconds, --rounds, --warmup, --max-requests, --out)");
            }
        }
        if (threads < 1 || threads > 256 || seconds < 1 || seconds > 600 || rounds < 1 || rounds > 20 || warmup < 0) {
            throw new IllegalArgumentException("threads 1–256, seconds 1–600, rounds 1–20, warmup ≥ 0");
        }
        return new Options(threads, seconds, rounds, warmup, maxRequests, out);
    }
}
