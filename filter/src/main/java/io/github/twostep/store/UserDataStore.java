package io.github.twostep.store;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads and writes one text value per user, "the comment field", where TwoStep keeps a user's
 * two-step data next to whatever else the application stores there.
 *
 * <p>Contract every implementation keeps:
 * <ul>
 *   <li>{@link #read} answers {@link Optional#empty()} only when the store has no such user;
 *       a known user whose comment is null or empty reads as {@code ""}.</li>
 *   <li>{@link #compareAndSet} is atomic, also across processes sharing the storage: it writes
 *       {@code replacement} only if the comment still equals {@code expected}, where
 *       {@code expected} null or {@code ""} means "the comment is currently null or empty".
 *       For an unknown user it writes nothing and answers {@code false}; a caller that gets
 *       {@code false} re-reads, and {@link #read} then tells "changed" from "unknown".</li>
 *   <li>Failures of the storage itself surface as {@link io.github.twostep.TwoStepException}.</li>
 * </ul>
 * Implementations must be thread-safe. Built in (chosen by {@code store.type}): memory, files and
 * the users table (JDBC). An application's own class is named in
 * {@code store.type} ({@code "class:…"}, with a public no-argument constructor) or passed to
 * {@code TwoStep.builder(settings).store(…)}.
 */
public interface UserDataStore {

    /**
     * The user's comment text.
     *
     * @return the comment ({@code ""} when null or empty), or empty when the user is unknown
     */
    Optional<String> read(String username);

    /**
     * Atomically replaces the comment if it still equals {@code expected}.
     *
     * @param expected the comment as last read; null or {@code ""} matches a null or empty comment
     * @param replacement the new comment text, never null
     * @return true if written; false if the comment had changed or the user is unknown
     */
    boolean compareAndSet(String username, String expected, String replacement);

    /**
     * The longest comment the store can hold, in characters, when it knows one (a database
     * column's size); by default none. TwoStep refuses a change that would not fit
     * ({@link RecordTooLargeException}) instead of letting the database cut or refuse it.
     */
    default OptionalInt maxCommentLength() {
        return OptionalInt.empty();
    }
}
