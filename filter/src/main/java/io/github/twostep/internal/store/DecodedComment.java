package io.github.twostep.internal.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A comment split around its TwoStep block: the text before it, the record (null when the
 * comment has no block, that is, the user is not enrolled) and the text after it. Encoding puts
 * {@code before} and {@code after} back unchanged; a new block goes at the end of the comment.
 */
public record DecodedComment(String before, UserRecord record, String after) {

    public DecodedComment {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** The record, if the comment holds one. */
    public Optional<UserRecord> userRecord() {
        return Optional.ofNullable(record);
    }

    /** The same surrounding text around another record (null removes the block). */
    public DecodedComment withRecord(UserRecord replacement) {
        return new DecodedComment(before, replacement, after);
    }

    @Override
    public String toString() {
        return "DecodedComment[before=" + before.length() + " chars, record=" + record + ", after=" + after.length()
                + " chars]";
    }
}
