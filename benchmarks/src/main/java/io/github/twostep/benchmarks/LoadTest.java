package io.github.twostep.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.twostep.benchmarks.Http1Connection.Answer;
import io.github.twostep.internal.core.Accounts;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.otp.Totp;
import io.github.twostep.internal.store.UserRecord;
import io.github.twostep.login.PasswordHashes;
import io.github.twostep.sample.Options;
import io.github.twostep.sample.SampleApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The load test: the sample application in this process on an embedded PostgreSQL, {@code N}
 * users enrolled through the JSON API, then {@code N} concurrent simulated users ({@link LoadUser},
 * each on its own keep-alive connection) for an unmeasured warm-up (60 s: on two cores shared
 * with 64 client threads and PostgreSQL, C2 goes on compiling for about a minute, and code it
 * has not compiled yet costs the measured phase 1.4–2 times its steady CPU) and then a bounded
 * measured time, then a check of every user's stored failure count against the wrong codes
 * it sent, then the filter's verified-request throughput ratio ({@link FilterThroughput}) in the
 * same run. Prints Markdown tables ({@link LoadReport}) and writes the numbers as JSON.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.twostep.benchmarks.LoadTest \
 *     [--users 64] [--seconds 60] [--warmup 60] [--settings config/twostep.json] [--out load.json]
 *     [--ratio-seconds 5]     (0: skip the same-run filter ratio)
 *     [--mode visit|verify]   (verify: signed in once, then only codes, to measure the verify path)
 * </pre>
 */
public final class LoadTest {
    /** The name of the simulated users' threads: their CPU is the client's, the rest of the JVM's the server's. */
    static final String CLIENT_THREADS = "load-user";

    record Options(int users, int seconds, int warmup, Path settings, int ratioSeconds, Path out, boolean verifyOnly) {
    }

    private LoadTest() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options options = parse(args);
        Path directory = Files.createTempDirectory("twostep-load");
        LoadReport report = measure(options, directory);
        report.print(System.out);
        if (options.ratioSeconds() > 0) {
            report = withFilterRatio(report, options, directory);
        }
        if (options.out() != null) {
            LoadClient.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(options.out().toFile(), report);
        }
    }

    /**
     * Starts PostgreSQL and the sample app (settings and data in {@code directory}), enrols the
     * users, runs the warm-up and the measured phase, checks every user's stored failures, and
     * answers what was measured (without the filter ratio).
     */
    static LoadReport measure(Options options, Path directory) throws Exception {
        Path settings = directory.resolve("twostep.json");
        Files.copy(options.settings(), settings);
        String key = "k1:" + Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        Function<String, String> environment = Map.of("TWOSTEP_KEY", key)::get;
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        LoadReport report;
        try (EmbeddedPostgres postgres = DurablePostgres.start();
                SampleApp app = SampleApp.start(io.github.twostep.sample.Options.defaults().withPort(0)
                        .withDb(postgres.getJdbcUrl("postgres", "postgres")).withSettings(settings.toString())
                        .withDataDirectory(directory), environment, new PrintStream(OutputStream.nullOutputStream()))) {
            var code = app.twoStep().settings().code();
            Totp totp = new Totp(code.algorithm(), code.length(), code.period(), code.window(), Clock.systemUTC());
            List<LoadUser> users = createUsers(postgres, options.users(), totp, app.port(), errors);
            ExecutorService pool = Executors.newFixedThreadPool(users.size(), r -> new Thread(r, CLIENT_THREADS));
            try {
                System.out.printf("enrolling %d users%n", users.size());
                each(pool, users, LoadUser::enrol);
                if (options.warmup() > 0) {
                    System.out.printf("warming up for %d s (not measured)%n", options.warmup());
                    run(pool, users, options.warmup(), options.verifyOnly());
                    users.forEach(LoadUser::resetMeasurements);
                }
                System.out.printf("running %d users for %d s%n", users.size(), options.seconds());
                ProcessHandle postmaster = DurablePostgres.postmaster(postgres.getPort()).orElseThrow(
                        () -> new IllegalStateException("no PostgreSQL process on port " + postgres.getPort()));
                CpuUse before = CpuUse.now(CLIENT_THREADS, postmaster);
                double seconds = run(pool, users, options.seconds(), options.verifyOnly());
                CpuUse used = CpuUse.now(CLIENT_THREADS, postmaster).minus(before);
                each(pool, users, user -> user.endWithWrongCodes(users.indexOf(user) % 4));
                report = LoadReport.of(options.verifyOnly() ? "verify" : "visit", users, seconds, used, errors,
                        check(users, app.port(), Engine.of(app.twoStep()).accounts()));
            } finally {
                pool.shutdownNow();
                users.forEach(LoadUser::close);
            }
        }
        return report;
    }

    /** Runs {@link FilterThroughput} in this process after the load, for the with ÷ without ratio of the same run. */
    private static LoadReport withFilterRatio(LoadReport report, Options options, Path directory) throws Exception {
        System.out.println();
        System.out.println("## Filter ratio (FilterThroughput, same run)");
        Path filterJson = options.out() == null ? directory.resolve("filter.json")
                : options.out().resolveSibling("load-filter.json");
        FilterThroughput.main(new String[] {"--threads", "4", "--seconds", String.valueOf(options.ratioSeconds()),
                "--rounds", "3", "--warmup", String.valueOf(options.ratioSeconds()), "--out", filterJson.toString()});
        LoadReport withRatio = report.withFilterRatio(LoadClient.JSON.readTree(filterJson.toFile()).path("ratio").asDouble());
        System.out.printf("%nverified-request throughput, with ÷ without TwoStepFilter: %.3f (target ≥ 0.95)%n",
                withRatio.filterRatio());
        return withRatio;
    }

    /** Every user loops visits (or, with {@code verifyOnly}, code submissions) for {@code seconds}; answers the seconds taken. */
    private static double run(ExecutorService pool, List<LoadUser> users, int seconds, boolean verifyOnly)
            throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(seconds).toNanos();
        each(pool, users, user -> {
            while (System.nanoTime() < deadline) {
                if (verifyOnly) {
                    user.verifyOnly();
                } else {
                    user.visit();
                }
            }
        });
        return (System.nanoTime() - start) / 1e9;
    }

    /** Inserts the load users (bcrypt cost 4: the password check is not what is measured). */
    private static List<LoadUser> createUsers(EmbeddedPostgres postgres, int count, Totp totp, int port,
            Map<String, LongAdder> errors) throws Exception {
        List<LoadUser> users = new ArrayList<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO users (username, password_hash, roles, email) VALUES (?, ?, '', ?)")) {
            for (int i = 0; i < count; i++) {
                String name = "load-" + i;
                insert.setString(1, name);
                insert.setString(2, PasswordHashes.bcrypt((name + "-password").toCharArray(), 4));
                insert.setString(3, name + "@example.com");
                insert.executeUpdate();
                users.add(new LoadUser(name, totp, new LoadClient(port), errors));
            }
        }
        return users;
    }

    /**
     * Per user, what the store holds that differs from what the client saw: the failures since
     * the last accepted code ({@code GET /2fa/admin/api/users/{u}} as admin, over HTTP) and, read
     * from the record itself, the last accepted TOTP step and the number of unused backup codes.
     * A lost update of a success shows in the last two, of a failure in the first.
     */
    private static List<String> check(List<LoadUser> users, int port, Accounts accounts) throws Exception {
        try (LoadClient admin = new LoadClient(port)) {
            admin.status();
            Answer login = admin.post("/2fa/api/login", "{\"username\": \"admin\", \"password\": \"admin-password\"}");
            if (login.status() != 200) {
                throw new IllegalStateException("admin sign-in answered " + login.status());
            }
            List<String> mismatches = new ArrayList<>();
            for (LoadUser user : users) {
                Answer answer = admin.get("/2fa/admin/api/users/" + user.name);
                JsonNode stored = LoadClient.json(answer);
                int failures = stored.path("failedAttempts").asInt(-1);
                boolean locked = stored.path("locked").asBoolean(true);
                if (answer.status() != 200 || failures != user.wrongSinceSuccess || locked) {
                    mismatches.add(user.name + ": sent " + user.wrongSinceSuccess
                            + " wrong since the last success, stored " + failures + (locked ? ", locked" : ""));
                }
                UserRecord record = accounts.lookup(user.name).orElseThrow();
                if (record.lastStep() != user.lastAcceptedStep()
                        || record.backupCodes().size() != user.unusedBackupCodes()) {
                    mismatches.add(user.name + ": client's last app step " + user.lastAcceptedStep() + " and "
                            + user.unusedBackupCodes() + " unused backup codes, stored " + record.lastStep() + " and "
                            + record.backupCodes().size());
                }
            }
            return mismatches;
        }
    }

    private interface UserTask {
        void run(LoadUser user) throws Exception;
    }

    private static void each(ExecutorService pool, List<LoadUser> users, UserTask task) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (LoadUser user : users) {
            running.add(pool.submit(() -> {
                task.run(user);
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }

    private static Options parse(String[] args) {
        int users = 64;
        int seconds = 60;
        int warmup = 60;
        Path settings = Path.of("config/twostep.json");
        int ratioSeconds = 5;
        Path out = null;
        boolean verifyOnly = false;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException("missing value after " + args[i]);
            }
            switch (args[i]) {
                case "--users" -> users = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--settings" -> settings = Path.of(value);
                case "--ratio-seconds" -> ratioSeconds = Integer.parseInt(value);
                case "--out" -> out = Path.of(value);
                case "--mode" -> verifyOnly = switch (value) {
                    case "visit" -> false;
                    case "verify" -> true;
                    default -> throw new IllegalArgumentException("--mode visit|verify");
                };
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--users, --seconds, --warmup, --settings, --ratio-seconds, --out, --mode)");
            }
            i++;
        }
        if (users < 1 || users > 1000 || seconds < 1 || seconds > 3600 || warmup < 0 || warmup > 600
                || ratioSeconds < 0 || ratioSeconds > 600) {
            throw new IllegalArgumentException(
                    "--users 1..1000, --seconds 1..3600, --warmup 0..600, --ratio-seconds 0..600 (0: no filter ratio)");
        }
        return new Options(users, seconds, warmup, settings, ratioSeconds, out, verifyOnly);
    }
}
