package io.github.twostep.sample;

import io.github.twostep.TwoStepException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The sample's password-reset links: a token of 32 random bytes from a {@link SecureRandom},
 * of which the table {@code password_resets} keeps only the SHA-256 hash, the user and the
 * expiry. A token works once and for {@link #VALIDITY}; a new one voids the user's earlier ones.
 * Redeeming deletes the row first and succeeds only for the one caller whose delete took it, so
 * two requests with one token never both pass, on one node or many.
 */
final class PasswordResets {
    static final Duration VALIDITY = Duration.ofMinutes(15);
    private static final int TOKEN_BYTES = 32;
    private static final int MAX_TOKEN_LENGTH = 64;
    private static final String CREATE = "CREATE TABLE IF NOT EXISTS password_resets (token_hash VARCHAR(64) "
            + "PRIMARY KEY, username VARCHAR(256) NOT NULL, expires_at BIGINT NOT NULL)";
    /** A table another node created at the same moment (PostgreSQL's IF NOT EXISTS is not safe against a twin). */
    private static final Set<String> ALREADY_THERE = Set.of("42P07", "23505");

    private final DataSource db;
    private final Clock clock;
    private final SecureRandom random;

    PasswordResets(DataSource db, Clock clock, SecureRandom random) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Creates the table when missing. */
    void install() {
        try (Connection connection = db.getConnection(); Statement create = connection.createStatement()) {
            create.execute(CREATE);
        } catch (SQLException e) {
            if (!ALREADY_THERE.contains(e.getSQLState())) {
                throw new TwoStepException("cannot set up the password_resets table: " + e.getMessage(), e);
            }
        }
    }

    /** A new token for {@code username}; their earlier tokens and every expired one stop working. */
    String issue(String username) {
        Objects.requireNonNull(username, "username");
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.instant().getEpochSecond();
        try (Connection connection = db.getConnection()) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM password_resets WHERE username = ? OR expires_at <= ?")) {
                delete.setString(1, username);
                delete.setLong(2, now);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO password_resets (token_hash, username, expires_at) VALUES (?, ?, ?)")) {
                insert.setString(1, hash(token));
                insert.setString(2, username);
                insert.setLong(3, now + VALIDITY.toSeconds());
                insert.executeUpdate();
            }
            return token;
        } catch (SQLException e) {
            throw new TwoStepException("cannot store a password reset: " + e.getMessage(), e);
        }
    }

    /** The user of a valid, unexpired {@code token}, which stays valid (for showing the form). */
    Optional<String> peek(String token) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        try (Connection connection = db.getConnection()) {
            return find(connection, hash(token));
        } catch (SQLException e) {
            throw new TwoStepException("cannot read a password reset: " + e.getMessage(), e);
        }
    }

    /** The user of a valid, unexpired {@code token}, which is used up by this call: only one caller ever gets it. */
    Optional<String> redeem(String token) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        String hash = hash(token);
        try (Connection connection = db.getConnection()) {
            Optional<String> user = find(connection, hash);
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM password_resets WHERE token_hash = ?")) {
                delete.setString(1, hash);
                return delete.executeUpdate() == 1 ? user : Optional.empty();
            }
        } catch (SQLException e) {
            throw new TwoStepException("cannot use a password reset: " + e.getMessage(), e);
        }
    }

    private Optional<String> find(Connection connection, String hash) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT username FROM password_resets WHERE token_hash = ? AND expires_at > ?")) {
            select.setString(1, hash);
            select.setLong(2, clock.instant().getEpochSecond());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private static boolean wellFormed(String token) {
        return token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_LENGTH
                && token.matches("[A-Za-z0-9_-]+");
    }

    /**
     * The stored form of a token: its SHA-256, hex. The token has 256 random bits, so a fast hash
     * is enough; the row is found by this hash, never by comparing tokens.
     */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
