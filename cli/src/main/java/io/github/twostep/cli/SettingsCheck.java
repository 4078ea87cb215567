package io.github.twostep.cli;

import io.github.twostep.config.InvalidSettingsException;
import io.github.twostep.config.SettingsLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * {@code check-settings FILE}: loads the file exactly as the filter would, references
 * resolved in this process's environment, and prints {@code OK} or every problem, one a line.
 */
final class SettingsCheck {
    private SettingsCheck() {
    }

    /** Checks {@code file}; answers {@link TwoStepCli#OK} or, when invalid, {@link TwoStepCli#FAILED}. */
    static int run(Path file, Function<String, String> environment, PrintStream out, PrintStream err) {
        try {
            new SettingsLoader(environment).load(file);
            out.println("OK");
            return TwoStepCli.OK;
        } catch (InvalidSettingsException e) {
            e.problems().forEach(out::println);
            int count = e.problems().size();
            err.println("twostep: " + e.source() + " is invalid (" + count + (count == 1 ? " problem)" : " problems)"));
            return TwoStepCli.FAILED;
        }
    }
}
