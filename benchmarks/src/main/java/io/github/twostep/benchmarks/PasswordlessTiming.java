package io.github.twostep.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.twostep.TwoStep;
import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import io.github.twostep.internal.store.JdbcUserDataStore;
import io.github.twostep.login.PasswordHashes;
import io.github.twostep.web.TwoStepFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Whether password-less sign-in tells names apart by time (issue #14, item 6): the same two
 * calls, {@code POST P/api/login {"username"}} and a wrong {@code POST P/api/verify}, for three
 * kinds of name, interleaved in one run on one server: a name no user has, a user without an
 * email address, and a user with one. Each sample is a fresh client (its own session) and a
 * fresh name, so no lock or quota is reached. Prints the medians, the 90th percentiles and the
 * ratios of each known kind to unknown names (a ratio near 1.0 means the two cannot be told
 * apart by the median), and the chance that one answer for a known kind is slower than one for
 * an unknown name (0.5 means one answer cannot tell them apart). Not a test: nothing fails on a number. Loopback only.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.twostep.benchmarks.PasswordlessTiming [--samples 600] [--warmup 200] [--out passwordless.json]
 * </pre>
 */
public final class PasswordlessTiming {
    private static final List<String> KINDS = List.of("unknown", "known-without-email", "known-with-email");

    /** One kind's numbers, milliseconds. */
    record KindResult(String kind, int samples, double loginP50, double loginP90, double verifyP50, double verifyP90,
            double loginRatio, double verifyRatio, double loginSlower, double verifySlower) {
    }

    record Summary(int samplesPerKind, List<KindResult> kinds, Map<String, Long> unexpectedAnswers) {
    }

    private PasswordlessTiming() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int samples = 600;
        int warmup = 200;
        Path out = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--samples" -> samples = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int users = samples + warmup;
        try (App app = new App(users)) {
            Map<String, List<Long>> login = new LinkedHashMap<>();
            Map<String, List<Long>> verify = new LinkedHashMap<>();
            Map<String, Long> unexpected = new LinkedHashMap<>();
            KINDS.forEach(k -> {
                login.put(k, new ArrayList<>());
                verify.put(k, new ArrayList<>());
            });
            for (int i = 0; i < users; i++) {
                List<String> order = new ArrayList<>(KINDS);
                Collections.rotate(order, i % KINDS.size());
                for (String kind : order) {
                    String name = switch (kind) {
                        case "unknown" -> "ghost-" + UUID.randomUUID();
                        case "known-without-email" -> "plain" + i;
                        default -> "mail" + i;
                    };
                    long[] nanos = app.signIn(name, unexpected);
                    if (i >= warmup) {
                        login.get(kind).add(nanos[0]);
                        verify.get(kind).add(nanos[1]);
                    }
                }
            }
            double loginBase = percentile(login.get("unknown"), 50);
            double verifyBase = percentile(verify.get("unknown"), 50);
            List<KindResult> results = new ArrayList<>();
            for (String kind : KINDS) {
                double l50 = percentile(login.get(kind), 50);
                double v50 = percentile(verify.get(kind), 50);
                results.add(new KindResult(kind, login.get(kind).size(), l50, percentile(login.get(kind), 90), v50,
                        percentile(verify.get(kind), 90), l50 / loginBase, v50 / verifyBase,
                        slower(login.get(kind), login.get("unknown")), slower(verify.get(kind), verify.get("unknown"))));
            }
            Summary summary = new Summary(samples, results, unexpected);
            print(summary, System.out);
            if (out != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), summary);
            }
        }
    }

    private static void print(Summary summary, PrintStream out) {
        out.println("| name | samples | login p50 ms | login p90 ms | verify p50 ms | verify p90 ms | login ÷ unknown |"
                + " verify ÷ unknown | login slower than unknown | verify slower than unknown |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (KindResult r : summary.kinds()) {
            out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n", r.kind(),
                    r.samples(), r.loginP50(), r.loginP90(), r.verifyP50(), r.verifyP90(), r.loginRatio(),
                    r.verifyRatio(), r.loginSlower(), r.verifySlower());
        }
        out.println("(\"slower than unknown\": the chance that one answer for this kind of name takes longer than one"
                + " for a name nobody has; 0.5 cannot tell them apart, 1.0 always can)");
        out.println(summary.unexpectedAnswers().isEmpty() ? "every answer as expected (200, then 401)"
                : "UNEXPECTED answers: " + summary.unexpectedAnswers());
    }

    /**
     * The chance that a sample of {@code kind} is longer than one of {@code base}, ties counting
     * half (the area under the ROC curve of telling the two apart by one answer's time).
     */
    static double slower(List<Long> kind, List<Long> base) {
        if (kind.isEmpty() || base.isEmpty()) {
            return Double.NaN;
        }
        double wins = 0;
        for (long k : kind) {
            for (long b : base) {
                wins += k > b ? 1 : k == b ? 0.5 : 0;
            }
        }
        return wins / ((double) kind.size() * base.size());
    }

    static double percentile(List<Long> nanos, int p) {
        if (nanos.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1_000_000.0;
    }

    /** Jetty on loopback with TwoStep in password-less mode on an H2 users table. */
    static final class App implements AutoCloseable {
        private final Server server;

        App(int users) throws Exception {
            DataSource db = JdbcUserDataStore.dataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "sa", "");
            createUsers(db, users);
            String key = "k1:" + Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
            Settings settings = new SettingsLoader(name -> name.equals("KEY") ? key : null).load(
                    new ByteArrayInputStream(SETTINGS.getBytes(StandardCharsets.UTF_8)), "passwordless-bench.json");
            TwoStep twoStep = TwoStep.builder(settings).dataSource(db).codeSender(message -> { }).build();
            server = new Server(0);
            ((ServerConnector) server.getConnectors()[0]).setHost("127.0.0.1");
            ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
            context.setContextPath("/");
            context.addFilter(new FilterHolder(new TwoStepFilter(twoStep)), "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(new HttpServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    response.getWriter().write("app");
                }
            }), "/");
            server.setHandler(context);
            server.start();
        }

        private static final String SETTINGS = """
                {"login": {"mode": "builtin"}, "disableLoginPassword": true,
                 "setup": {"mode": "auto", "methods": ["email"]},
                 "messageCode": {"resendSeconds": 0},
                 "store": {"type": "jdbc", "jdbc": {"url": "jdbc:h2:mem:unused"}, "key": "${env:KEY}"}}
                """;

        private static void createUsers(DataSource db, int users) throws SQLException {
            try (Connection c = db.getConnection(); Statement ddl = c.createStatement()) {
                ddl.execute("CREATE TABLE users (username VARCHAR(256) PRIMARY KEY, password_hash VARCHAR(200), "
                        + "roles VARCHAR(200), email VARCHAR(200), phone VARCHAR(50), comment VARCHAR(100000))");
                String hash = PasswordHashes.bcrypt("unused-password".toCharArray(), 4);
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO users (username, password_hash, roles, email) VALUES (?, ?, '', ?)")) {
                    for (int i = 0; i < users; i++) {
                        for (String name : new String[] {"plain" + i, "mail" + i}) {
                            insert.setString(1, name);
                            insert.setString(2, hash);
                            insert.setString(3, name.startsWith("mail") ? name + "@example.com" : null);
                            insert.addBatch();
                        }
                    }
                    insert.executeBatch();
                }
            }
        }

        /** Signs {@code name} in with a fresh client; answers the nanoseconds of login and of a wrong code. */
        long[] signIn(String name, Map<String, Long> unexpected) throws IOException, InterruptedException {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            String csrf = csrf(client.send(HttpRequest.newBuilder(uri("/2fa/api/status")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            long start = System.nanoTime();
            HttpResponse<String> login = client.send(post("/2fa/api/login", csrf, "{\"username\": \"" + name + "\"}"),
                    HttpResponse.BodyHandlers.ofString());
            long loggedIn = System.nanoTime();
            String next = csrf(login.body());
            HttpResponse<String> verify = client.send(post("/2fa/api/verify", next, "{\"code\": \"000000\"}"),
                    HttpResponse.BodyHandlers.ofString());
            long verified = System.nanoTime();
            if (login.statusCode() != 200) {
                unexpected.merge("login " + login.statusCode(), 1L, Long::sum);
            }
            if (verify.statusCode() != 401) {
                unexpected.merge("verify " + verify.statusCode(), 1L, Long::sum);
            }
            return new long[] {loggedIn - start, verified - loggedIn};
        }

        private HttpRequest post(String path, String csrf, String body) {
            return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }

        private static String csrf(String json) throws IOException {
            return new ObjectMapper().readTree(json).path("csrfToken").asText();
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path);
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }
}
