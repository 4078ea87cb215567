package io.github.twostep.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Small entries kept per key next to the users' data, for what must be counted per name
 * whether or not a user has it (password throttling, password-less sign-in's answers for
 * unknown names). Keys are keyed hashes, never names; values are short texts the caller
 * encodes. Every node on the same storage sees the same entries.
 *
 * <p>Contract every implementation keeps:
 * <ul>
 *   <li>{@link #compareAndSet} is atomic, also across processes sharing the storage: it writes
 *       only if the entry still equals {@code expected} (null: there is no entry).</li>
 *   <li>An entry may be removed once its {@code expires} has passed; until then it is kept
 *       (a memory ledger that is full drops the entries that expire first).</li>
 *   <li>Failures of the storage itself surface as {@link io.github.twostep.TwoStepException}.</li>
 * </ul>
 */
public interface AttemptLedger {
    /** Key length limit: keys are hashes, so this is plenty. */
    int MAX_KEY_LENGTH = 64;
    /** Value length limit. */
    int MAX_VALUE_LENGTH = 200;

    /** The entry under {@code key}, or empty when there is none. */
    Optional<String> read(String key);

    /**
     * Atomically writes {@code replacement} under {@code key} if the entry still equals
     * {@code expected}.
     *
     * @param expected    the entry as last read; null when there was none
     * @param replacement the new entry
     * @param expires     from when the entry may be removed
     * @return whether it was written
     */
    boolean compareAndSet(String key, String expected, String replacement, Instant expires);
}
