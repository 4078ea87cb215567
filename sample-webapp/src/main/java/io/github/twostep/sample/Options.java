package io.github.twostep.sample;

import io.github.twostep.TwoStepException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The sample's command line: {@code --host ADDRESS}, {@code --port N}, {@code --settings FILE},
 * {@code --db JDBC_URL}, {@code --help}. Everything left out takes the default of {@link #defaults()}.
 *
 * @param host          the address the server listens on; {@value #DEFAULT_HOST} (this machine only) by default
 * @param port          TCP port; 0 picks a free one (tests)
 * @param settings      settings location ({@code classpath:…} or a file path); null: {@code config/twostep.json}
 *                      in the working directory, else the copy inside the jar
 * @param db            JDBC URL of the users table
 * @param dataDirectory where the generated data key lives when {@code TWOSTEP_KEY} is not set
 * @param help          {@code --help} was given
 * @param sharedSessions HTTP sessions kept in the database ({@code --sessions db}), so several nodes
 *                      on one database serve one user without sticky sessions and a restart keeps
 *                      everyone signed in; false: in this process's memory
 */
public record Options(String host, int port, String settings, String db, Path dataDirectory, boolean help,
                      boolean sharedSessions) {
    /** The database used when {@code --db} is not given: an H2 file under {@code ./data}. */
    public static final String DEFAULT_DB = "jdbc:h2:file:./data/twostep-sample;AUTO_SERVER=TRUE";
    public static final int DEFAULT_PORT = 8080;
    /** Listens on this machine only unless {@code --host} says otherwise: the demo accounts are well known. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    static final String USAGE = """
            Usage: java -jar twostep-sample.jar [--host ADDRESS] [--port N] [--settings FILE] [--db JDBC_URL] [--sessions memory|db] [--help]

              --host ADDRESS    address to listen on (default 127.0.0.1: this machine only;
                                0.0.0.0 for every interface)
              --port N          HTTP port (default 8080)
              --settings FILE   TwoStep settings, a file path or classpath:NAME
                                (default config/twostep.json, else the copy in the jar);
                                profiles: config/profiles/{opt-in,auto-email,passwordless,four-digit-60s,strict,sms-call,passkeys}.json
              --db JDBC_URL     users database (default jdbc:h2:file:./data/twostep-sample;AUTO_SERVER=TRUE)
              --sessions WHERE  memory (default) or db: HTTP sessions kept in the users database, for
                                several nodes without sticky sessions, and kept over a restart
              --help            show this text

            Links in messages (paths.publicUrl) point at http://localhost:PORT, or http://ADDRESS:PORT
            for another --host, unless the settings file sets paths.publicUrl.

            The data key comes from the environment variable TWOSTEP_KEY, else from ./data/twostep.key
            (created on first start).
            """;

    public Options {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new UsageException("--host must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw new UsageException("--port must be 0 to 65535, got " + port);
        }
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
    }

    /** 127.0.0.1, port 8080, the default settings, the H2 file database, {@code ./data}. */
    public static Options defaults() {
        return new Options(DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_DB, Path.of("data"), false, false);
    }

    /** These options listening on another address. */
    public Options withHost(String value) {
        return new Options(value, port, settings, db, dataDirectory, help, sharedSessions);
    }

    /** These options on another port. */
    public Options withPort(int value) {
        return new Options(host, value, settings, db, dataDirectory, help, sharedSessions);
    }

    /** These options with another settings location. */
    public Options withSettings(String value) {
        return new Options(host, port, value, db, dataDirectory, help, sharedSessions);
    }

    /** These options with another database URL. */
    public Options withDb(String value) {
        return new Options(host, port, settings, value, dataDirectory, help, sharedSessions);
    }

    /** These options keeping a generated key in another directory. */
    public Options withDataDirectory(Path value) {
        return new Options(host, port, settings, db, value, help, sharedSessions);
    }

    /** These options with HTTP sessions in the database ({@code true}) or in memory. */
    public Options withSharedSessions(boolean value) {
        return new Options(host, port, settings, db, dataDirectory, help, value);
    }

    /**
     * Reads the command line.
     *
     * @throws UsageException for an unknown option, a missing value or a port that is not a number
     */
    public static Options parse(String... args) {
        Options options = defaults();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> options = new Options(options.host, options.port, options.settings,
                        options.db, options.dataDirectory, true, options.sharedSessions);
                case "--host" -> options = options.withHost(value(args, ++i, option));
                case "--port" -> options = options.withPort(port(value(args, ++i, option)));
                case "--settings" -> options = options.withSettings(value(args, ++i, option));
                case "--db" -> options = options.withDb(value(args, ++i, option));
                case "--sessions" -> options = options.withSharedSessions(sessions(value(args, ++i, option)));
                default -> throw new UsageException("unknown option: " + option);
            }
        }
        return options;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static boolean sessions(String text) {
        return switch (text) {
            case "memory" -> false;
            case "db" -> true;
            default -> throw new UsageException("--sessions must be memory or db, got \"" + text + "\"");
        };
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException("--port must be a number, got \"" + text + "\"");
        }
    }

    /** A command line the sample cannot run with; the message says why. */
    public static final class UsageException extends TwoStepException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
