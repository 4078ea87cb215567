package io.github.twostep.store;

import io.github.twostep.TwoStepException;

/**
 * A change that would make a user's comment longer than the store can hold
 * ({@link UserDataStore#maxCommentLength()}); nothing was written.
 */
public final class RecordTooLargeException extends TwoStepException {
    private static final long serialVersionUID = 1L;

    public RecordTooLargeException(int length, int max) {
        super("the user's comment would take " + length + " characters; the store holds " + max);
    }
}
