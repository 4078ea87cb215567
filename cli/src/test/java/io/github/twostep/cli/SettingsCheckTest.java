package io.github.twostep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsCheckTest {
    @TempDir
    Path directory;

    private CliFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new CliFixture(directory);
    }

    @Test
    void checkSettingsWhenValidThenOk() {
        CliFixture.Run run = fixture.run("check-settings", fixture.settingsFile.toString());

        assertEquals(0, run.status(), run.err());
        assertEquals("OK\n", run.out());
    }

    @Test
    void checkSettingsWhenShippedSettingsThenOk() {
        CliFixture.Run run = fixture.run("check-settings", Path.of("../config/twostep.json").toString());

        assertEquals(0, run.status(), run.err());
        assertEquals("OK\n", run.out());
    }

    @Test
    void checkSettingsWhenKeyMisspelledThenProblemLineAndStatusOne() {
        Path bad = fixture.writeSettings("bad.json", "{\"code\": {\"lenght\": 6}}");

        CliFixture.Run run = fixture.run("check-settings", bad.toString());

        assertEquals(1, run.status());
        assertEquals(List.of("$.code.lenght: unknown key; did you mean \"length\"?"), run.out().lines().toList());
        assertTrue(run.err().contains("is invalid (1 problem)"), run.err());
    }

    @Test
    void checkSettingsWhenSeveralProblemsThenOneLineEach() {
        Path bad = fixture.writeSettings("bad.json", "{\"code\": {\"lenght\": 6}, \"lockout\": {\"minutes\": -1}}");

        CliFixture.Run run = fixture.run("check-settings", bad.toString());

        assertEquals(1, run.status());
        assertEquals(2, run.out().lines().count(), run.out());
        assertTrue(run.out().lines().allMatch(line -> line.startsWith("$.")), run.out());
    }

    @Test
    void checkSettingsWhenFileMissingThenSaysSoAndStatusOne() {
        CliFixture.Run run = fixture.run("check-settings", directory.resolve("nope.json").toString());

        assertEquals(1, run.status());
        assertTrue(run.out().contains("no such file"), run.out());
    }

    @Test
    void checkSettingsWhenBuiltinLoginWithoutDataSourceThenReportedWhereTheFilterWouldFail() {
        Path builtin = fixture.writeSettings("builtin.json", "{\"login\": {\"mode\": \"builtin\"}}");

        CliFixture.Run run = fixture.run("check-settings", builtin.toString());

        assertEquals(1, run.status(), run.out());
        assertEquals(1, run.out().lines().count(), run.out());
        assertTrue(run.out().startsWith("$.login.mode: \"builtin\" checks passwords in the users table"), run.out());
        assertTrue(run.err().contains("is invalid (1 problem)"), run.err());
    }

    @Test
    void checkSettingsWhenSenderClassMissingThenReportedAtItsKey() {
        Path missing = fixture.writeSettings("missing.json", "{\"verify\": {\"sms\": true}, "
                + "\"delivery\": {\"sms\": \"class:com.example.NoSuchSender\"}}");

        CliFixture.Run run = fixture.run("check-settings", missing.toString());

        assertEquals(1, run.status(), run.out());
        assertEquals(List.of("$.delivery.sms: The CodeSender class com.example.NoSuchSender is not on the classpath"),
                run.out().lines().toList());
    }
}
