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
 */
public record StoreSettings(StoreType type, String className, JdbcStoreSettings jdbc, FileStoreSettings file,
                            DataKey key, List<DataKey> previousKeys) {

    public StoreSettings {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(jdbc, "jdbc");
        Objects.requireNonNull(file, "file");
        previousKeys = List.copyOf(previousKeys);
    }
}
