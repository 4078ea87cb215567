package io.github.twostep.internal.store;

import io.github.twostep.config.VerifyMethod;
import io.github.twostep.store.CorruptRecordException;
import io.github.twostep.store.RecordTooLargeException;
import io.github.twostep.store.UnknownUserException;
import io.github.twostep.store.UpdateConflictException;
import io.github.twostep.store.UserDataStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The one way TwoStep changes a user record: read the comment, decode, apply a pure change,
 * encode, and compare-and-set; if another writer (thread or node) got there first, wait a
 * jittered moment and start over from a fresh read, up to a bound. So no update is lost and no
 * one-time code or TOTP step is accepted twice, however many nodes share the store.
 *
 * <p>When this node wrote a user's comment last, the next update first tries that text in place
 * of the read, with the record it wrote (records hold whole seconds, as stored, so that is what
 * decoding the text would give; an assertion checks it on every write under tests): the
 * compare-and-set proves it current (a store round trip and a decoding saved, as when a user
 * verifies again), or fails and the update goes on from a read as above. A decision to write
 * nothing is never taken on that text, only on a read, so it cannot rest on a stale record.
 *
 * <p>On every write the record is stamped {@code updated}, secrets sealed under an older key are
 * sealed again under the current one, and the block is signed with the current key.
 */
public final class UserRecordUpdater {
    /** The name the stand-in record of {@link #imitateUpdate} is sealed for; never read or written. */
    private static final String STAND_IN = "twostep stand-in";
    /** Attempts before giving up: 32 writers on one PostgreSQL row finish well within it. */
    public static final int DEFAULT_MAX_ATTEMPTS = 50;
    /** Wait after a lost race: up to 1 ms at first, doubling to at most 64 ms. */
    public static final Backoff DEFAULT_BACKOFF = Backoff.jittered(Duration.ofMillis(1), Duration.ofMillis(64));

    private final UserDataStore store;
    private final UserRecordCodec codec;
    private final SecretCipher cipher;
    private final Clock clock;
    private final int maxAttempts;
    private final Backoff backoff;
    /** The stand-in record of {@link #imitateUpdate}, sealed on first use. */
    private volatile String standIn;
    /** The users whose comments this node's updates tracked, at most; past it they are forgotten. */
    static final int LAST_WRITTEN_LIMIT = 4096;
    /**
     * The comment this node's last update wrote, and its record, per user: the next update tries
     * it as the expected value of its compare-and-set before reading the store. Taken out when tried.
     */
    private final Map<String, Written> lastWritten = new ConcurrentHashMap<>();

    /** A comment this node wrote, with the record in it (records hold whole seconds, so it is what decoding gives). */
    private record Written(String comment, DecodedComment decoded) {
    }

    /** An updater with {@link #DEFAULT_MAX_ATTEMPTS} and {@link #DEFAULT_BACKOFF}. */
    public UserRecordUpdater(UserDataStore store, KeyRing keys, Clock clock) {
        this(store, keys, clock, DEFAULT_MAX_ATTEMPTS, DEFAULT_BACKOFF);
    }

    public UserRecordUpdater(UserDataStore store, KeyRing keys, Clock clock, int maxAttempts, Backoff backoff) {
        this.store = Objects.requireNonNull(store, "store");
        Objects.requireNonNull(keys, "keys");
        this.codec = new UserRecordCodec(keys);
        this.cipher = new SecretCipher(keys);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
    }

    /**
     * The user's record, or empty if the user is not enrolled (no block in the comment).
     *
     * @throws UnknownUserException if the store has no such user
     * @throws CorruptRecordException if the block cannot be used
     */
    public Optional<UserRecord> read(String username) {
        return decode(username, readComment(username)).userRecord();
    }

    /**
     * Applies {@code change} to the current record ({@link UserRecord#empty} when not enrolled) and
     * writes what it returns (an unchanged record is not written again, but a first record is,
     * so that its creation time is kept), retrying from a fresh read when another writer got in between.
     * {@code change} may run several times and must be a pure function of its argument.
     *
     * @return the result of the attempt that was written (or that chose to write nothing)
     * @throws UnknownUserException if the store has no such user
     * @throws CorruptRecordException if the block cannot be used; nothing is written
     * @throws UpdateConflictException after {@code maxAttempts} lost races
     * @throws RecordTooLargeException if the new comment would not fit in the store; nothing is written
     */
    public <R> R update(String username, Function<UserRecord, RecordUpdate<R>> change) {
        Objects.requireNonNull(change, "change");
        Written lastWrittenHere = lastWritten.remove(username);
        if (lastWrittenHere != null) {
            // this node wrote the comment last: try it as the expected value, with the record it holds,
            // instead of reading and decoding it; the compare-and-set proves it still current, or
            // fails and the update starts from a read
            Attempt<R> tried = attempt(username, lastWrittenHere.comment(), lastWrittenHere.decoded(), change);
            if (tried.written()) {
                return tried.result();
            }
            // stale, or a decision to write nothing: such answers are taken on a fresh read
        }
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            String comment = readComment(username);
            Attempt<R> tried = attempt(username, comment, decode(username, comment), change);
            if (tried.done()) {
                return tried.result();
            }
            if (attempt < maxAttempts) {
                backoff.pause(attempt);
            }
        }
        throw new UpdateConflictException(username, maxAttempts);
    }

    /** One try of an update on {@code comment}: written, decided to write nothing, or lost to another writer. */
    private record Attempt<R>(boolean done, boolean written, R result) {
        static <R> Attempt<R> lost() {
            return new Attempt<>(false, false, null);
        }
    }

    private <R> Attempt<R> attempt(String username, String comment, DecodedComment decoded,
            Function<UserRecord, RecordUpdate<R>> change) {
        UserRecord current = decoded.userRecord().orElseGet(() -> UserRecord.empty(clock.instant()));
        RecordUpdate<R> outcome = Objects.requireNonNull(change.apply(current), "change result");
        boolean unchanged = decoded.userRecord().isPresent() && outcome.record() != null
                && outcome.record().equals(current);
        if (outcome.record() == null || unchanged) {
            return new Attempt<>(true, false, outcome.result());
        }
        UserRecord next = cipher.resealed(username, outcome.record()).withUpdated(clock.instant());
        String replacement = codec.encode(username, decoded.withRecord(next));
        OptionalInt max = store.maxCommentLength();
        if (max.isPresent() && replacement.length() > max.getAsInt()) {
            throw new RecordTooLargeException(replacement.length(), max.getAsInt());
        }
        if (!store.compareAndSet(username, comment, replacement)) {
            return Attempt.lost();
        }
        if (lastWritten.size() >= LAST_WRITTEN_LIMIT) {
            lastWritten.clear(); // a bound, not a cache policy: the next update of each user reads again
        }
        DecodedComment written = decoded.withRecord(next);
        assert codec.decode(username, replacement).equals(written) : "a record must decode to itself";
        lastWritten.put(username, new Written(replacement, written));
        return new Attempt<>(true, true, outcome.result());
    }

    /** Applies a change that always applies; answers the record it produced (before the {@code updated} stamp). */
    public UserRecord change(String username, UnaryOperator<UserRecord> change) {
        Objects.requireNonNull(change, "change");
        return update(username, current -> {
            UserRecord next = change.apply(current);
            return RecordUpdate.write(next, next);
        });
    }

    /**
     * The store and codec work of one {@link #update}, for a name that has no record, writing
     * nothing: a read of the store for {@code username}, and the decoding and re-encoding of a
     * stand-in record (a user with email sign-in, sealed under the current key once per node), so
     * that the time an answer takes does not tell a name nobody has from a user's (password-less
     * sign-in). A store failure here is ignored: the caller's answer does not depend on it.
     */
    public void imitateUpdate(String username) {
        try {
            store.read(username);
        } catch (RuntimeException ignored) {
            // a name the store refuses costs what it costs; nothing rides on this read
        }
        DecodedComment decoded = codec.decode(STAND_IN, standIn());
        codec.encode(STAND_IN, decoded.withRecord(decoded.record().withUpdated(clock.instant())));
    }

    private String standIn() {
        String sealed = standIn;
        if (sealed == null) {
            UserRecord record = UserRecord.empty(clock.instant()).withConsent(true).enable(Set.of(VerifyMethod.EMAIL));
            sealed = codec.encode(STAND_IN, new DecodedComment("", record, ""));
            standIn = sealed;
        }
        return sealed;
    }

    private String readComment(String username) {
        return store.read(username).orElseThrow(() -> new UnknownUserException(username));
    }

    private DecodedComment decode(String username, String comment) {
        return codec.decode(username, comment);
    }
}
