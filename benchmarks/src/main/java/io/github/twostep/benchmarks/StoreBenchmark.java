package io.github.twostep.benchmarks;

import io.github.twostep.config.Algorithm;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.internal.otp.CodeHasher;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.store.DecodedComment;
import io.github.twostep.internal.store.JdbcUserDataStore;
import io.github.twostep.internal.store.KeyRing;
import io.github.twostep.internal.store.SecretCipher;
import io.github.twostep.internal.store.TotpSecret;
import io.github.twostep.internal.store.UserRecord;
import io.github.twostep.internal.store.UserRecordCodec;
import io.github.twostep.internal.store.UserRecordUpdater;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The comment-field store at 1,000 and at 100,000 users, on H2 (in memory) and on a PostgreSQL
 * started by the benchmark: every user holds a real enrolled record (sealed app secret, ten
 * backup-code hashes, about 900 characters), and each operation picks a user at random from the
 * whole table. The target is a 100k/1k time ratio of at most 1.5 per database and operation: a
 * user is found through the primary key, so the table's size should barely matter.
 *
 * <ul>
 *   <li>{@code read}: {@link JdbcUserDataStore#read}.</li>
 *   <li>{@code readCompareAndSet}: one read and one successful compare-and-set of the comment
 *       (the other text before the block flips), one updater round without decoding.</li>
 *   <li>{@code recordFailureThenClear}: what a wrong code and then a right one cost the store,
 *       through {@link UserRecordUpdater}: read, decode, change, encode, compare-and-set, twice.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class StoreBenchmark {
    private static final Instant ENROLLED = Instant.parse("2026-05-01T09:00:00Z");

    @Param({"h2", "postgres"})
    String database;

    @Param({"1000", "100000"})
    int users;

    private UsersDatabase db;
    private JdbcUserDataStore store;
    private UserRecordUpdater updater;
    private Clock clock;

    @Setup(Level.Trial)
    public void fillTable() throws IOException, SQLException {
        KeyRing keys = KeyRing.of("k1", new SecureRandom().generateSeed(32));
        Enrolment enrolment = new Enrolment(keys);
        db = UsersDatabase.start(database);
        db.fill(users, StoreBenchmark::name, i -> enrolment.comment(name(i)));
        store = new JdbcUserDataStore(db.dataSource(), "users", "username", "comment", false);
        clock = Clock.systemUTC();
        updater = new UserRecordUpdater(store, keys, clock);
        System.err.printf("%s: %d users, comment of user 0: %d chars%n", database, users,
                store.read(name(0)).orElseThrow().length());
    }

    @TearDown(Level.Trial)
    public void close() throws IOException, SQLException {
        db.close();
    }

    @Benchmark
    public String read() {
        return store.read(randomUser()).orElseThrow();
    }

    @Benchmark
    public boolean readCompareAndSet() {
        String user = randomUser();
        String current = store.read(user).orElseThrow();
        String flipped = (current.charAt(0) == 'a' ? "b" : "a") + current.substring(1);
        if (!store.compareAndSet(user, current, flipped)) {
            throw new IllegalStateException("compare-and-set lost without any other writer");
        }
        return true;
    }

    @Benchmark
    public int recordFailureThenClear() {
        String user = randomUser();
        UserRecord failed = updater.change(user, r -> r.recordFailure(clock.instant(), 5, 15));
        UserRecord cleared = updater.change(user, UserRecord::clearFailures);
        return failed.failures() + cleared.failures();
    }

    private String randomUser() {
        return name(ThreadLocalRandom.current().nextInt(users));
    }

    private static String name(int i) {
        return "user" + i + "@example.com";
    }

    /** Makes each user's comment: "a " and a block as enrolment writes it (app and email, ten backup codes). */
    private static final class Enrolment {
        private final SecretCipher cipher;
        private final UserRecordCodec codec;
        private final List<String> backupCodes = new ArrayList<>();
        private final SecureRandom random = new SecureRandom();

        Enrolment(KeyRing keys) {
            this.cipher = new SecretCipher(keys);
            this.codec = new UserRecordCodec(keys);
            CodeHasher hasher = new CodeHasher(keys.currentPepper());
            for (int i = 0; i < 10; i++) {
                backupCodes.add(hasher.hash(String.format("%08d", random.nextInt(100_000_000))));
            }
        }

        String comment(String username) {
            OtpSecret secret = OtpSecret.generate(Algorithm.SHA1, random);
            TotpSecret totp = new TotpSecret(cipher.seal(username, secret.bytes()), Algorithm.SHA1, 6, 30);
            UserRecord enrolled = UserRecord.empty(ENROLLED).withConsent(true).withPendingTotp(totp)
                    .confirmPendingTotp().orElseThrow().enable(EnumSet.of(VerifyMethod.APP, VerifyMethod.EMAIL))
                    .regenerateBackupCodes(backupCodes).withUpdated(ENROLLED);
            return codec.encode(username, new DecodedComment("a ", enrolled, ""));
        }
    }
}
