package io.github.twostep.cli;

import io.github.twostep.TwoStepException;
import io.github.twostep.config.InvalidSettingsException;
import io.github.twostep.store.CorruptRecordException;
import io.github.twostep.store.UnknownUserException;
import java.io.PrintStream;
import java.sql.SQLException;

/** Says on standard error why a command failed, with a hint where the usual cause is known. */
final class Failures {
    /** H2's "database may be already in use": another process holds the file. */
    private static final String H2_FILE_IN_USE = "90020";

    private Failures() {
    }

    static void print(TwoStepException failure, CommandLine line, PrintStream err) {
        if (failure instanceof InvalidSettingsException invalid) {
            err.println("twostep: invalid settings in " + invalid.source() + ":");
            invalid.problems().forEach(problem -> err.println("  " + problem));
            return;
        }
        if (failure instanceof UnknownUserException) {
            err.println("twostep: no user \"" + line.argument(0) + "\" in the users table");
            return;
        }
        err.println("twostep: " + failure.getMessage());
        if (failure instanceof CorruptRecordException) {
            err.println("  Is the data key the application's? (--key, TWOSTEP_KEY, ./data/twostep.key)");
        }
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            err.println("  cause: " + firstLine(cause.getMessage()));
            if (cause instanceof SQLException sql && H2_FILE_IN_USE.equals(sql.getSQLState())) {
                err.println("  Another process (the running sample?) has the database open. Stop it, or start it "
                        + "and this command with the same --db URL ending in ;AUTO_SERVER=TRUE.");
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
