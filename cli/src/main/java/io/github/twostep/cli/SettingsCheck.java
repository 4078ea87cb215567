package io.github.twostep.cli;

import io.github.twostep.TwoStep;
import io.github.twostep.config.InvalidSettingsException;
import io.github.twostep.config.SettingsLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * {@code check-settings FILE}: loads the file exactly as the filter would, references
 * resolved in this process's environment, checks what the filter checks at start with nothing
 * given in code ({@link TwoStep#problems}: classes on this class path, a DataSource where one is
 * needed), and prints {@code OK} or every problem, one a line.
 */
final class SettingsCheck {
    private SettingsCheck() {
    }

    /** Checks {@code file}; answers {@link TwoStepCli#OK} or, when invalid, {@link TwoStepCli#FAILED}. */
    static int run(Path file, Function<String, String> environment, PrintStream out, PrintStream err) {
        String source = file.toAbsolutePath().toString();
        List<String> problems;
        try {
            problems = TwoStep.problems(new SettingsLoader(environment).load(file));
        } catch (InvalidSettingsException e) {
            source = e.source();
            problems = e.problems();
        }
        if (problems.isEmpty()) {
            out.println("OK");
            return TwoStepCli.OK;
        }
        problems.forEach(out::println);
        int count = problems.size();
        err.println("twostep: " + source + " is invalid (" + count + (count == 1 ? " problem)" : " problems)"));
        return TwoStepCli.FAILED;
    }
}
