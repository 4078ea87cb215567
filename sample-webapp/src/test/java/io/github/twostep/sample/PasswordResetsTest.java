package io.github.twostep.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.testing.SettableClock;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PasswordResetsTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-04T12:00:00Z"));
    private JdbcDataSource db;
    private PasswordResets resets;

    @BeforeEach
    void setUp() {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:resets-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        resets = new PasswordResets(db, clock, new SecureRandom());
        resets.install();
        resets.install();
    }

    @Test
    void redeemWhenFreshTokenThenUserOnceOnly() {
        String token = resets.issue("bob");

        assertEquals(Optional.of("bob"), resets.peek(token), "looking does not use it up");
        assertEquals(Optional.of("bob"), resets.redeem(token));
        assertEquals(Optional.empty(), resets.redeem(token));
        assertEquals(Optional.empty(), resets.peek(token));
    }

    @Test
    void redeemWhenValidityPassedThenRefused() {
        String token = resets.issue("bob");
        clock.advance(PasswordResets.VALIDITY.minusSeconds(1));
        assertEquals(Optional.of("bob"), resets.peek(token));

        clock.advance(Duration.ofSeconds(1));

        assertEquals(Optional.empty(), resets.peek(token));
        assertEquals(Optional.empty(), resets.redeem(token));
    }

    @Test
    void issueWhenAskedAgainThenEarlierTokenVoid() {
        String first = resets.issue("bob");
        String second = resets.issue("bob");
        String alices = resets.issue("alice");

        assertNotEquals(first, second);
        assertEquals(Optional.empty(), resets.redeem(first));
        assertEquals(Optional.of("bob"), resets.redeem(second));
        assertEquals(Optional.of("alice"), resets.redeem(alices), "other users' tokens stay");
    }

    @Test
    void issueWhenStoredThenOnlyTheHashIsKept() throws SQLException {
        String token = resets.issue("bob");

        assertEquals(43, token.length(), "32 random bytes, base64url");
        try (Connection connection = db.getConnection();
                ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT token_hash, username FROM password_resets")) {
            assertTrue(rows.next());
            assertEquals(PasswordResets.hash(token), rows.getString(1));
            assertFalse(rows.getString(1).contains(token));
            assertFalse(rows.next());
        }
    }

    @Test
    void redeemWhenTokenMalformedThenRefused() {
        resets.issue("bob");

        for (String token : new String[] {null, "", "x".repeat(65), "a b", "' OR '1'='1"}) {
            assertEquals(Optional.empty(), resets.redeem(token), String.valueOf(token));
        }
    }

    @Test
    void redeemWhenManyAtOnceThenExactlyOneGetsTheUser() throws Exception {
        int threads = 16;
        for (int round = 0; round < 10; round++) {
            String token = resets.issue("bob");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Optional<String>>> answers = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    Callable<Optional<String>> redeem = () -> {
                        start.await();
                        return resets.redeem(token);
                    };
                    answers.add(pool.submit(redeem));
                }
                start.countDown();
                int winners = 0;
                for (Future<Optional<String>> answer : answers) {
                    winners += answer.get().isPresent() ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
