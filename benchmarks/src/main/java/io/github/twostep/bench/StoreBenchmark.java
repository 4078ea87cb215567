package io.github.twostep.bench;

import io.github.twostep.store.JdbcUserDataStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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
 * Read and compare-and-set on {@link JdbcUserDataStore} over an H2 in-memory users table of
 * 1,000 and 100,000 rows, each holding a comment the size of a full two-step block. The target
 * is a 100k/1k time ratio of at most 1.5: lookups go through the primary key, so the table size
 * should barely matter. 100,000 rows hold about 380 MB of comments in H2's memory: give the
 * forked JVM room ({@code -jvmArgs -Xmx2g}) or the garbage collector dominates the result.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class StoreBenchmark {
    private static final String BLOCK_A = "note [twostep:v1:k1:AAAAAAAAAAAAAAAAAAAAAA]{" + "a".repeat(3700) + "}[/twostep]";
    private static final String BLOCK_B = "note [twostep:v1:k1:BBBBBBBBBBBBBBBBBBBBBB]{" + "b".repeat(3700) + "}[/twostep]";

    @Param({"1000", "100000"})
    int users;

    private Connection keepAlive;
    private JdbcUserDataStore store;

    @Setup(Level.Trial)
    public void fillTable() throws SQLException {
        String url = "jdbc:h2:mem:store-bench-" + users + ";DB_CLOSE_DELAY=-1";
        DataSource source = JdbcUserDataStore.dataSource(url, "sa", "");
        keepAlive = source.getConnection();
        try (Statement ddl = keepAlive.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS users");
            ddl.execute("CREATE TABLE users (username VARCHAR(100) PRIMARY KEY, comment VARCHAR(8000))");
        }
        keepAlive.setAutoCommit(false);
        try (PreparedStatement insert = keepAlive.prepareStatement("INSERT INTO users VALUES (?, ?)")) {
            for (int i = 0; i < users; i++) {
                insert.setString(1, name(i));
                insert.setString(2, BLOCK_A);
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        keepAlive.commit();
        keepAlive.setAutoCommit(true);
        store = new JdbcUserDataStore(source, "users", "username", "comment", false);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        try (Statement ddl = keepAlive.createStatement()) {
            ddl.execute("DROP TABLE users");
        }
        keepAlive.close();
    }

    @Benchmark
    public String read() {
        return store.read(randomUser()).orElseThrow();
    }

    /** One read and one successful compare-and-set, as one updater round without contention. */
    @Benchmark
    public boolean readThenCompareAndSet() {
        String user = randomUser();
        String current = store.read(user).orElseThrow();
        return store.compareAndSet(user, current, current.equals(BLOCK_A) ? BLOCK_B : BLOCK_A);
    }

    private String randomUser() {
        return name(ThreadLocalRandom.current().nextInt(users));
    }

    private static String name(int i) {
        return "user" + i + "@example.com";
    }
}
