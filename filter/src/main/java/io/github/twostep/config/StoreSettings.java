package io.github.twostep.config;

import java.util.List;
import java.util.Objects;

/**
 * Where users' 2FA data is kept ({@code store}).
 *
 * @param type         which store
 * @param className    fully qualified name of the application's store class when type is
 *                     {@link StoreType#CLASS}; otherwise null
 * @param jdbc         settings of the JDBC store
 * @param file         settings of the file store
 * @param key          the key new data is encrypted with; null only for the memory store
 * @param previousKeys older keys that still decrypt, for key rotation
 * @param timeoutSeconds the longest a store call may take, 1–60: the JDBC store's query timeout
 *                       and (for a store built from {@code jdbc.url}) login timeout; a
 *                       session's standing is not used once it is
 *                       {@code session.recheckSeconds + timeoutSeconds} old
 */
public record StoreSettings(StoreType type, String className, JdbcStoreSettings jdbc, FileStoreSettings file,
                            DataKey key, List<DataKey> previousKeys, int timeoutSeconds) {

    public StoreSettings {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(jdbc, "jdbc");
        Objects.requireNonNull(file, "file");
        previousKeys = List.copyOf(previousKeys);
    }
}
