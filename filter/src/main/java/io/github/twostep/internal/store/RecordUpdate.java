package io.github.twostep.internal.store;

import java.util.Optional;

/**
 * What a change handed to {@link UserRecordUpdater#update} decided: the record to write (null
 * to write nothing) and the answer for the caller.
 */
public record RecordUpdate<R>(UserRecord record, R result) {

    /** Write {@code next}, answer {@code result}. */
    public static <R> RecordUpdate<R> write(UserRecord next, R result) {
        return new RecordUpdate<>(java.util.Objects.requireNonNull(next, "next"), result);
    }

    /** Write nothing, answer {@code result}. */
    public static <R> RecordUpdate<R> keep(R result) {
        return new RecordUpdate<>(null, result);
    }

    /**
     * For a change that may be refused ({@link UserRecord#useStep}, {@link UserRecord#consumeBackupCode}, ...):
     * write and answer true if it applied, otherwise write nothing and answer false.
     */
    public static RecordUpdate<Boolean> applied(Optional<UserRecord> next) {
        return next.map(r -> write(r, Boolean.TRUE)).orElseGet(() -> keep(Boolean.FALSE));
    }
}
