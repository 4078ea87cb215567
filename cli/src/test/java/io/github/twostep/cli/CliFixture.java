package io.github.twostep.cli;

import io.github.twostep.Caller;
import io.github.twostep.TwoStep;
import io.github.twostep.config.Algorithm;
import io.github.twostep.config.SettingsLoader;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.core.SetupConfirmation;
import io.github.twostep.internal.core.SetupSecret;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import io.github.twostep.internal.store.JdbcUserDataStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.sql.DataSource;

/**
 * An H2 users table like the sample's (alice and bob), a settings file on it in a temporary
 * directory, a data key in a fake environment, and a TwoStep on the same store and clock for
 * the test to enrol users and use codes with, as the application would.
 */
final class CliFixture {
    static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    /** A test key, made by {@code twostep generate-key}. */
    static final String KEY = "k1:LkTmy/igrbLQBy4LEJM0NENSXPhWkNMFrtoski2+9rM=";
    static final Caller BROWSER = new Caller("192.0.2.7",
            "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0");

    final Path directory;
    final String url;
    final Path settingsFile;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Map<String, String> environment;
    private TwoStep twoStep;

    CliFixture(Path directory) {
        this.directory = directory;
        this.url = "jdbc:h2:mem:cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        this.environment = Map.of(KeyedEnvironment.VARIABLE, KEY);
        createUsers(url);
        this.settingsFile = writeSettings("twostep.json", settingsJson("\"url\": \"" + url + "\""));
    }

    /** Settings with the JDBC store whose {@code jdbc} object holds {@code connection}, built-in login, audit in a table. */
    static String settingsJson(String connection) {
        return """
                {
                  "login": { "mode": "builtin", "path": "/login" },
                  "lockout": { "maxFailedAttempts": 3, "minutes": 15 },
                  "emergencyCode": { "length": 6, "minutes": 2 },
                  "audit": { "type": "jdbc" },
                  "store": { "type": "jdbc", "jdbc": { %s, "table": "users", "userColumn": "username",
                             "commentColumn": "comment" }, "key": "${env:TWOSTEP_KEY}" }
                }
                """.formatted(connection);
    }

    static void createUsers(String url) {
        try (Connection connection = JdbcUserDataStore.dataSource(url, null, null).getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE users (username VARCHAR(256) PRIMARY KEY, password_hash VARCHAR(200), "
                    + "roles VARCHAR(200), email VARCHAR(200), phone VARCHAR(50), comment VARCHAR(100000))");
            sql.execute("INSERT INTO users (username, roles, email) VALUES ('alice', '', 'alice@example.com'), "
                    + "('bob', '', 'bob@example.com')");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Path writeSettings(String name, String json) {
        try {
            return Files.writeString(directory.resolve(name), json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The application's TwoStep on the fixture's store, key and clock. */
    TwoStep twoStep() {
        if (twoStep == null) {
            DataSource users = JdbcUserDataStore.dataSource(url, null, null);
            twoStep = TwoStep.builder(new SettingsLoader(environment::get).load(settingsFile)).dataSource(users)
                    .clock(clock).build();
        }
        return twoStep;
    }

    /** Enrols {@code user} with the app as the set-up pages do; answers the secret. */
    OtpSecret enrolWithApp(String user) {
        SetupSecret setup = Engine.of(twoStep()).accounts().startSetup(user, BROWSER);
        OtpSecret secret = OtpSecret.fromBase32(setup.secret());
        SetupConfirmation confirmation = Engine.of(twoStep()).accounts().confirmSetup(user, totp().key(secret).generate(
                totp().currentStep()), Set.of(VerifyMethod.APP), "sign-in", BROWSER);
        if (!confirmation.outcome().isVerified()) {
            throw new AssertionError("enrolment failed: " + confirmation.outcome());
        }
        return secret;
    }

    /** A six-digit code that no step of the window accepts for {@code secret}. */
    String wrongCode(OtpSecret secret) {
        Set<String> valid = LongStream.rangeClosed(-6, 6)
                .mapToObj(offset -> totp().key(secret).generate(totp().currentStep() + offset))
                .collect(Collectors.toSet());
        return LongStream.range(0, 1_000_000).mapToObj(n -> String.format("%06d", n))
                .filter(code -> !valid.contains(code)).findFirst().orElseThrow();
    }

    private Totp totp() {
        return new Totp(Algorithm.SHA1, 6, 30, 180, clock);
    }

    /** Runs {@code twostep args} in this process with the fixture's environment, data directory and clock. */
    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TwoStepCli cli = new TwoStepCli(directory.resolve("data"), clock, new SecureRandom());
        int status = cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment::get);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a command on the fixture's settings file. */
    Run runOnSettings(String... command) {
        String[] args = new String[command.length + 2];
        args[0] = "--settings";
        args[1] = settingsFile.toString();
        System.arraycopy(command, 0, args, 2, command.length);
        return run(args);
    }

    /** What a run printed and its exit status. */
    record Run(int status, String out, String err) {
        /** The value of the {@code name: value} line of the output. */
        String field(String name) {
            return out.lines().filter(line -> line.startsWith(name + ": ")).map(line -> line.substring(name.length() + 2))
                    .findFirst().orElseThrow(() -> new AssertionError("no \"" + name + "\" line in:\n" + out));
        }
    }
}
