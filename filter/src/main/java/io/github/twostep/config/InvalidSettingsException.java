package io.github.twostep.config;

import io.github.twostep.TwoStepException;
import java.util.List;

/**
 * The settings could not be read or are invalid. Lists every problem found, each as
 * {@code "$.json.path: reason"}; no problem ever contains a secret or a resolved reference.
 */
public class InvalidSettingsException extends TwoStepException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<String> problems;

    /**
     * @param source   the file or resource the settings came from
     * @param problems every problem found, at least one
     */
    public InvalidSettingsException(String source, List<String> problems) {
        super(message(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    private static String message(String source, List<String> problems) {
        StringBuilder text = new StringBuilder("Invalid settings in ").append(source).append(" (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        problems.forEach(p -> text.append("\n  ").append(p));
        return text.toString();
    }

    /** The file or resource the settings came from. */
    public String source() {
        return source;
    }

    /** Every problem, in the order found. */
    public List<String> problems() {
        return problems;
    }
}
