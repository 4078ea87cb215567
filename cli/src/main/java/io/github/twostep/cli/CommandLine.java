package io.github.twostep.cli;

import io.github.twostep.TwoStepException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code twostep} was asked to do: one command, its arguments and the global options,
 * which may stand before or after the command.
 *
 * @param command   the command
 * @param arguments the command's arguments, as many as it takes
 * @param settings  {@code --settings}; {@link #DEFAULT_SETTINGS} when not given
 * @param db        {@code --db}; null when not given
 * @param key       {@code --key}; null when not given
 */
record CommandLine(Command command, List<String> arguments, String settings, String db, String key) {
    static final String DEFAULT_SETTINGS = "config/twostep.json";
    /**
     * The sample's users database as the CLI opens it. {@code AUTO_SERVER=TRUE} lets the CLI and
     * a running sample share the file when the sample opens it with the same flag (H2 refuses it
     * together with {@code DB_CLOSE_ON_EXIT=FALSE}); the sample's default URL is the same.
     */
    static final String DEFAULT_DB = "jdbc:h2:file:./data/twostep-sample;AUTO_SERVER=TRUE";

    CommandLine {
        Objects.requireNonNull(command, "command");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * Reads the command line. Options are the {@code --} words above and {@code -h}; a word that
     * begins with a single {@code -} is an argument (device ids and user names may), and after
     * {@code --} every word is one, for an id that begins with {@code --}.
     *
     * @throws UsageException for no command, an unknown command or option, a missing option
     *                        value, or the wrong number of arguments
     */
    static CommandLine parse(String... args) {
        String settings = DEFAULT_SETTINGS;
        String db = null;
        String key = null;
        List<String> words = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded) {
                words.add(arg);
                continue;
            }
            switch (arg) {
                case "--settings" -> settings = value(args, ++i, arg);
                case "--db" -> db = value(args, ++i, arg);
                case "--key" -> key = value(args, ++i, arg);
                case "--help", "-h" -> words.add(0, Command.HELP.word());
                case "--" -> optionsEnded = true;
                default -> {
                    // Only "--" words are options: a device id or a user name may begin with one "-".
                    if (arg.startsWith("--")) {
                        throw new UsageException("unknown option: " + arg);
                    }
                    words.add(arg);
                }
            }
        }
        if (words.isEmpty()) {
            throw new UsageException("no command given");
        }
        Command command = Command.named(words.get(0))
                .orElseThrow(() -> new UsageException("unknown command: " + words.get(0)));
        List<String> arguments = words.subList(1, words.size());
        if (command == Command.HELP) {
            return new CommandLine(command, List.of(), settings, db, key);
        }
        if (!command.accepts(arguments.size())) {
            throw new UsageException("usage: twostep " + command.synopsis());
        }
        return new CommandLine(command, arguments, settings, db, key);
    }

    /** The {@code index}th argument of the command. */
    String argument(int index) {
        return arguments.get(index);
    }

    /** The usage text, every command and option. */
    static String usage() {
        StringBuilder text = new StringBuilder("Usage: twostep [OPTIONS] COMMAND [ARGUMENTS]\n\nCommands:\n");
        for (Command command : Command.values()) {
            text.append(String.format("  %-24s %s%n", command.synopsis(), command.summary()));
        }
        return text.append("""

                Options:
                  --settings FILE          TwoStep settings (default config/twostep.json)
                  --db JDBC_URL            the users database, when the settings name a JNDI DataSource
                                           (default jdbc:h2:file:./data/twostep-sample;AUTO_SERVER=TRUE);
                                           overrides store.jdbc.url when given
                  --key KEY                the data key for ${env:TWOSTEP_KEY} in the settings
                                           (default: the environment variable TWOSTEP_KEY, else ./data/twostep.key)
                  --                       every word after it is an argument (an ID that begins with --)

                Exit status: 0 done, 1 failed (unknown user, invalid settings, database error), 2 wrong command line.
                """).toString();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    /** A command line {@code twostep} cannot run; the message says why. */
    static final class UsageException extends TwoStepException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
