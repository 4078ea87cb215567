package io.github.twostep.cli;

import io.github.twostep.TwoStep;
import io.github.twostep.TwoStepException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code twostep}, the administrator's command line: a user's status, reset, unlock, emergency
 * code and trusted devices on the store and settings the application uses, plus settings checks
 * and new data keys. Exit status {@value #OK} when done, {@value #FAILED} when the command
 * failed, {@value #USAGE} for a wrong command line. See {@link CommandLine#usage()}.
 */
public final class TwoStepCli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final Path dataDirectory;
    private final Clock clock;
    private final SecureRandom random;

    /** A CLI on the system clock, finding the sample's key file under {@code ./data}. */
    public TwoStepCli() {
        this(Path.of("data"), Clock.systemUTC(), new SecureRandom());
    }

    TwoStepCli(Path dataDirectory, Clock clock, SecureRandom random) {
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Runs one command and exits with its status. */
    public static void main(String[] args) {
        System.exit(new TwoStepCli().run(args, System.out, System.err, System::getenv));
    }

    /**
     * Runs one command.
     *
     * @param args        the command line
     * @param out         where the command's output goes
     * @param err         where usage and error messages go
     * @param environment the process environment (<code>${env:NAME}</code>, {@code TWOSTEP_KEY})
     * @return the exit status: 0 done, 1 failed, 2 wrong command line
     */
    public int run(String[] args, PrintStream out, PrintStream err, Function<String, String> environment) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(environment, "environment");
        CommandLine line;
        try {
            line = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println("twostep: " + e.getMessage());
            err.print(CommandLine.usage());
            return USAGE;
        }
        try {
            return run(line, out, err, new KeyedEnvironment(line.key(), environment, dataDirectory));
        } catch (CommandLine.UsageException e) {
            err.println("twostep: " + e.getMessage());
            return USAGE;
        } catch (TwoStepException e) {
            Failures.print(e, line, err);
            return FAILED;
        }
    }

    private int run(CommandLine line, PrintStream out, PrintStream err, Function<String, String> environment) {
        return switch (line.command()) {
            case HELP -> {
                out.print(CommandLine.usage());
                yield OK;
            }
            case GENERATE_KEY -> {
                out.println(DataKeys.generate(line.arguments().isEmpty() ? DataKeys.DEFAULT_ID : line.argument(0),
                        random));
                yield OK;
            }
            case CHECK_SETTINGS -> SettingsCheck.run(Path.of(line.argument(0)), environment, out, err);
            default -> {
                // closed, so that a security notice the command queued (a reset tells the user)
                // goes out before the process ends
                try (TwoStep twoStep = new StoreOpener(environment, clock).open(line)) {
                    yield new UserCommands(twoStep.administration(), clock, out, err).run(line);
                }
            }
        };
    }
}
