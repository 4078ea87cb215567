package io.github.twostep.config;

/**
 * The one-file-per-user store ({@code store.file}).
 *
 * @param directory where the files live; required when {@code store.type} is {@code file}
 */
public record FileStoreSettings(String directory) {
}
