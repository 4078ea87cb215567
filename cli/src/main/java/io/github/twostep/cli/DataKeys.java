package io.github.twostep.cli;

import java.security.SecureRandom;
import java.util.Base64;
import io.github.twostep.config.DataKey;

/** New data keys for {@code store.key}: {@code <id>:<Base64 of 32 SecureRandom bytes>}. */
final class DataKeys {
    static final String DEFAULT_ID = "k1";
    private static final int KEY_BYTES = 32;

    private DataKeys() {
    }

    /**
     * A new key with the id {@code id}.
     *
     * @throws CommandLine.UsageException if the id is not 1 to 16 letters, digits, {@code _} or {@code -}
     */
    static String generate(String id, SecureRandom random) {
        if (!DataKey.isKeyId(id)) {
            throw new CommandLine.UsageException("a key id is 1 to 16 letters, digits, _ or -, got \"" + id + "\"");
        }
        byte[] material = new byte[KEY_BYTES];
        random.nextBytes(material);
        return id + ":" + Base64.getEncoder().encodeToString(material);
    }
}
