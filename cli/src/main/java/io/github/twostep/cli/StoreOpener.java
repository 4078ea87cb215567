package io.github.twostep.cli;

import io.github.twostep.TwoStep;
import io.github.twostep.TwoStepException;
import io.github.twostep.config.JdbcStoreSettings;
import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import io.github.twostep.config.StoreType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the TwoStep a user command works on from the same settings and store the application
 * uses. The users database is {@code --db} when given; else, when the settings name a JNDI
 * DataSource (which only exists inside the application server), the sample's H2 file; else
 * what {@code store.jdbc.url} says (a URL given here carries its own credentials, if any). The CLI never checks passwords, so no password verifier
 * is built.
 */
final class StoreOpener {
    private final Function<String, String> environment;
    private final Clock clock;

    /**
     * @param environment resolves <code>${env:NAME}</code> in the settings
     * @param clock       the time of every change and expiry
     */
    StoreOpener(Function<String, String> environment, Clock clock) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Loads the settings of {@code line} and builds TwoStep on them.
     *
     * @throws io.github.twostep.config.InvalidSettingsException if the settings are invalid
     * @throws TwoStepException if the store is in memory only or cannot be set up
     */
    TwoStep open(CommandLine line) {
        Settings settings = new SettingsLoader(environment).load(Path.of(line.settings()));
        if (settings.store().type() == StoreType.MEMORY) {
            throw new TwoStepException("store.type in " + line.settings() + " is \"memory\": the two-factor data "
                    + "lives inside the running application only, there is nothing to administer from here");
        }
        TwoStep.Builder builder = TwoStep.builder(settings).clock(clock)
                .passwordVerifier((user, password) -> Optional.empty());
        usersDatabase(settings, line.db())
                .ifPresent(builder::jdbcUrl);
        return builder.build();
    }

    /** The JDBC URL to open instead of the settings' own choice; empty to let the settings decide. */
    static Optional<String> usersDatabase(Settings settings, String dbOption) {
        if (dbOption != null) {
            return Optional.of(dbOption);
        }
        JdbcStoreSettings jdbc = settings.store().jdbc();
        return jdbc.dataSource() != null ? Optional.of(CommandLine.DEFAULT_DB) : Optional.empty();
    }
}
