package io.github.twostep.store;

/**
 * A user's record was written with a data key that is no longer configured. Put the key back
 * (as a previous key) to read the record; the message names the key id, never the key.
 */
public final class MissingKeyException extends CorruptRecordException {
    private static final long serialVersionUID = 1L;

    private final String keyId;

    public MissingKeyException(String username, String keyId) {
        super(username, "data key '" + keyId + "' is not configured (current or previous keys)");
        this.keyId = keyId;
    }

    /** The id of the missing key. */
    public String keyId() {
        return keyId;
    }
}
