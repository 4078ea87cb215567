package io.github.twostep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code target/twostep-cli.jar} run as an administrator runs it: its own JVM,
 * the working directory holding {@code config/} and {@code data/} like the sample's, the key
 * from the sample's key file and the H2 driver found inside the jar.
 */
class TwoStepCliJarIT {
    private static final Path JAR = Path.of("target", "twostep-cli.jar").toAbsolutePath();

    @TempDir
    Path workingDirectory;

    @Test
    void jarWhenRunInSampleLayoutThenReadsStatusFromDefaultDatabase() throws Exception {
        Files.createDirectories(workingDirectory.resolve("data"));
        Files.writeString(workingDirectory.resolve("data/twostep.key"), CliFixture.KEY + "\n");
        String url = "jdbc:h2:file:" + workingDirectory.resolve("data/twostep-sample");
        CliFixture.createUsers(url);
        Files.createDirectories(workingDirectory.resolve("config"));
        Files.copy(Path.of("../config/twostep.json"), workingDirectory.resolve("config/twostep.json"));

        Result status = java("status", "alice");

        assertEquals(0, status.exit(), status.output());
        assertTrue(status.output().contains("user: alice\nenrolled: no\n"), status.output());
    }

    @Test
    void jarWhenNoArgumentsThenUsageAndStatusTwo() throws Exception {
        Result run = java();

        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().contains("Usage: twostep"), run.output());
    }

    private Result java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("twostep-cli.jar did not finish within 60 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exit, String output) {
    }
}
