package io.github.twostep.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs docs/API.md's "Walk-through with curl" as written, with the real {@code curl} and
 * {@code jq}, against a sample started on a free port (the block's {@code B=} line is the only
 * line changed, to name that port). {@code oathtool} is played by {@link OathTool}. Every output
 * the block promises in a comment right under a command ({@code # 302 …}, <code># {"state": …}</code>)
 * is checked against what the command printed; {@code "..."} in a promised JSON stands for any value.
 */
class ApiWalkthroughIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENTED_BASE = "http://localhost:8080";
    private static final String MARK = "@@walkthrough-command-";

    /** One command of the block (with its continuation lines) and the output promised under it, or null. */
    record Command(String text, String promise) {
    }

    private SampleApp app;

    @TempDir
    Path directory;

    @BeforeEach
    void start() {
        Options options = Options.defaults().withPort(0).withSettings("../config/twostep.json")
                .withDb("jdbc:h2:mem:walkthrough;DB_CLOSE_DELAY=-1").withDataDirectory(directory);
        app = SampleApp.start(options, SampleAppIT.ENVIRONMENT, new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** The sh block under {@code ## Walk-through with curl}. */
    static String walkthrough() throws IOException {
        String api = Files.readString(Path.of("../docs/API.md"));
        int section = api.indexOf("## Walk-through with curl");
        assertTrue(section >= 0, "API.md has a curl walk-through");
        Matcher block = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(api);
        assertTrue(block.find(section), "the walk-through has an sh block");
        return block.group(1);
    }

    /** The block's commands, each with the output promised in the comment line right below it. */
    static List<Command> commands(String block) {
        List<Command> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean justEnded = false;
        for (String line : block.split("\n", -1)) {
            if (current.length() > 0) {
                current.append(line).append('\n');
                if (!line.endsWith("\\")) {
                    commands.add(new Command(current.toString(), null));
                    current.setLength(0);
                    justEnded = true;
                }
                continue;
            }
            if (line.startsWith("# ") && justEnded && !line.matches("# \\d+\\. .*")) {
                Command last = commands.remove(commands.size() - 1);
                commands.add(new Command(last.text(), line.substring(2).strip()));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                current.append(line).append('\n');
                if (!line.endsWith("\\")) {
                    commands.add(new Command(current.toString(), null));
                    current.setLength(0);
                    justEnded = true;
                    continue;
                }
            }
            justEnded = false;
        }
        return commands;
    }

    @Test
    void commandsWhenParsedThenEveryStepAndBothPromisesFound() throws IOException {
        List<Command> commands = commands(walkthrough());

        assertEquals(DOCUMENTED_BASE, commands.get(0).text().strip().substring(2), "the block starts with B=");
        assertEquals(2, commands.stream().filter(c -> c.promise() != null).count(), commands.toString());
        assertEquals(13, commands.size(), commands.toString());
    }

    @Test
    void walkthroughWhenRunAsWrittenThenEveryPromisedOutputAppears() throws Exception {
        assumeTrue(onPath("curl") && onPath("jq"), "the walk-through needs curl and jq");
        String base = "http://localhost:" + app.port();
        List<Command> commands = commands(walkthrough());
        StringBuilder script = new StringBuilder("set -e\n");
        for (int i = 0; i < commands.size(); i++) {
            String text = i == 0 ? "B=" + base + "\n" : commands.get(i).text();
            script.append(text).append("echo\necho '").append(MARK).append(i).append("'\n");
        }
        Path bin = Files.createDirectories(directory.resolve("bin"));
        writeOathtool(bin);
        Path scriptFile = directory.resolve("walkthrough.sh");
        Files.writeString(scriptFile, script);

        ProcessBuilder run = new ProcessBuilder("bash", scriptFile.toString()).directory(directory.toFile())
                .redirectErrorStream(true);
        run.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = run.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);

        for (int i = 0; i < commands.size(); i++) {
            String printed = printedBy(output, i);
            String promise = commands.get(i).promise();
            if (promise == null) {
                continue;
            }
            if (promise.startsWith("{")) {
                assertJsonKeeps(promise, printed);
            } else {
                assertEquals(promise.replace(DOCUMENTED_BASE, base), printed.strip(), commands.get(i).text());
            }
        }
        assertTrue(printedBy(output, commands.size() - 1).contains("You reached the protected area as alice"), output);
    }

    /** What command {@code index} printed: the text between the marks around it. */
    private static String printedBy(String output, int index) {
        int end = output.indexOf(MARK + index + "\n");
        assertTrue(end >= 0, "command " + index + " ran: " + output);
        int start = index == 0 ? 0 : output.indexOf(MARK + (index - 1) + "\n") + (MARK + (index - 1) + "\n").length();
        return output.substring(start, end);
    }

    /** Every field of the promised JSON is in the printed one, with the same value unless promised as "...". */
    private static void assertJsonKeeps(String promise, String printed) throws IOException {
        JsonNode promised = JSON.readTree(promise);
        JsonNode actual = JSON.readTree(printed.strip());
        for (Map.Entry<String, JsonNode> field : promised.properties()) {
            assertTrue(actual.has(field.getKey()), field.getKey() + " missing from " + printed);
            if (!field.getValue().asText().equals("...")) {
                assertEquals(field.getValue(), actual.get(field.getKey()), field.getKey() + " in " + printed);
            }
        }
    }

    private void writeOathtool(Path bin) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path oathtool = bin.resolve("oathtool");
        Files.writeString(oathtool, "#!/bin/sh\nexec '" + java + "' -Doathtool.calls='" + directory.resolve("calls")
                + "' -cp '" + System.getProperty("java.class.path") + "' " + OathTool.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(oathtool, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
