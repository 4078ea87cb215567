package io.github.twostep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README.md and docs/OPERATIONS.md describe the CLI as it is. */
class CliDocsTest {
    private static final Path ROOT = Path.of("..");

    @TempDir
    Path directory;

    @Test
    void operationsTableWhenReadThenEveryCommandHasARow() throws IOException {
        String section = section(Files.readString(ROOT.resolve("docs/OPERATIONS.md")), "## Command-line administration");

        for (Command command : Command.values()) {
            assertTrue(section.contains("| `" + command.synopsis() + "` |"), command.synopsis());
        }
        assertTrue(section.contains("`" + CommandLine.DEFAULT_DB + "`"), "default --db");
        assertTrue(section.contains("(default `" + CommandLine.DEFAULT_SETTINGS + "`"), "default --settings");
    }

    @Test
    void operationsStatusExampleWhenComparedWithOutputThenSameLines() throws IOException {
        String section = section(Files.readString(ROOT.resolve("docs/OPERATIONS.md")), "## Command-line administration");
        String example = section.substring(section.indexOf("$ java -jar cli/target/twostep-cli.jar status alice\n"));
        List<String> documented = example.lines().skip(1).takeWhile(line -> !line.startsWith("```"))
                .map(line -> line.substring(0, line.indexOf(':'))).toList();

        CliFixture.Run run = new CliFixture(directory).runOnSettings("status", "alice");

        assertEquals(run.out().lines().map(line -> line.substring(0, line.indexOf(':'))).toList(), documented);
    }

    @Test
    void readmeWhenReadThenBuildAndRunCommandIsThere() throws IOException {
        String section = section(Files.readString(ROOT.resolve("README.md")), "## Command-line administration");

        assertTrue(section.contains(
                "mvn -B -q -pl cli -am package -DskipTests && java -jar cli/target/twostep-cli.jar status alice"));
    }

    private static String section(String text, String heading) {
        int start = text.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "heading missing: " + heading);
        int end = text.indexOf("\n## ", start + heading.length());
        return text.substring(start, end < 0 ? text.length() : end);
    }
}
