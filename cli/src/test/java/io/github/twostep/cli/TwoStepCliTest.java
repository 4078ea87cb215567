package io.github.twostep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TwoStepCliTest {
    @TempDir
    Path directory;

    private CliFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new CliFixture(directory);
    }

    @Test
    void helpWhenAskedThenUsageOnStandardOutputAndSuccess() {
        CliFixture.Run run = fixture.run("help");

        assertEquals(0, run.status());
        assertTrue(run.out().startsWith("Usage: twostep [OPTIONS] COMMAND [ARGUMENTS]"), run.out());
        assertTrue(run.out().contains("revoke-device USER ID"), run.out());
        assertTrue(run.out().contains("--settings FILE"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void runWhenNoArgumentsThenUsageOnStandardErrorAndStatusTwo() {
        CliFixture.Run run = fixture.run();

        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("twostep: no command given\nUsage: twostep"), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"frobnicate", "--frobnicate", "status", "revoke-device alice", "status alice bob",
            "status alice --settings", "generate-key a b"})
    void runWhenCommandLineIsWrongThenUsageAndStatusTwo(String line) {
        CliFixture.Run run = fixture.run(line.split(" "));

        assertEquals(2, run.status());
        assertTrue(run.err().contains("Usage: twostep"), run.err());
    }

    @Test
    void parseWhenArgumentBeginsWithOneDashThenItIsAnArgument() {
        CommandLine line = CommandLine.parse("revoke-device", "alice", "-Xqydz08BFY_", "--settings", "s.json");

        assertEquals(List.of("alice", "-Xqydz08BFY_"), line.arguments());
        assertEquals("s.json", line.settings());
    }

    @Test
    void parseWhenDoubleDashGivenThenEveryLaterWordIsAnArgument() {
        CommandLine line = CommandLine.parse("--settings", "s.json", "revoke-device", "--", "alice", "--settings");

        assertEquals(Command.REVOKE_DEVICE, line.command());
        assertEquals(List.of("alice", "--settings"), line.arguments());
        assertEquals("s.json", line.settings());
    }

    @Test
    void runWhenOptionFollowsCommandThenItApplies() {
        CliFixture.Run run = fixture.run("status", "bob", "--settings", fixture.settingsFile.toString());

        assertEquals(0, run.status(), run.err());
        assertEquals("bob", run.field("user"));
    }

    @Test
    void userCommandWhenSettingsNameJndiThenDbOptionOpensUsersTable() {
        Path jndiSettings = fixture.writeSettings("jndi.json",
                CliFixture.settingsJson("\"dataSource\": \"java:comp/env/jdbc/users\""));
        fixture.enrolWithApp("alice");

        CliFixture.Run run = fixture.run("--settings", jndiSettings.toString(), "--db", fixture.url, "status", "alice");

        assertEquals(0, run.status(), run.err());
        assertEquals("yes", run.field("enrolled"));
    }

    @Test
    void userCommandWhenDbOptionGivenThenItReplacesSettingsUrl() {
        String otherUrl = "jdbc:h2:mem:cli-other-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        CliFixture.createUsers(otherUrl);
        fixture.enrolWithApp("alice");

        CliFixture.Run run = fixture.runOnSettings("--db", otherUrl, "status", "alice");

        assertEquals(0, run.status(), run.err());
        assertEquals("no", run.field("enrolled"));
    }

    @Test
    void userCommandWhenSettingsInvalidThenEveryProblemOnStandardError() {
        Path bad = fixture.writeSettings("bad.json", "{\"code\": {\"lenght\": 6}}");

        CliFixture.Run run = fixture.run("--settings", bad.toString(), "status", "alice");

        assertEquals(1, run.status());
        assertTrue(run.err().contains("invalid settings in " + bad.toAbsolutePath() + ":"), run.err());
        assertTrue(run.err().contains("  $.code.lenght: unknown key; did you mean \"length\"?"), run.err());
    }

    @Test
    void userCommandWhenUserNameInvalidThenSaysSoAndFails() {
        CliFixture.Run run = fixture.runOnSettings("status", "x".repeat(300));

        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("twostep: invalid username"), run.err());
    }

    @Test
    void userCommandWhenStoreIsMemoryThenRefused() {
        Path memory = fixture.writeSettings("memory.json", "{\"store\": {\"type\": \"memory\"}}");

        CliFixture.Run run = fixture.run("--settings", memory.toString(), "status", "alice");

        assertEquals(1, run.status());
        assertTrue(run.err().contains("is \"memory\""), run.err());
    }

    @Test
    void userCommandWhenKeyIsNotTheApplicationsThenSaysSoAndFails() {
        fixture.enrolWithApp("alice");

        String otherKey = "k1:" + "A".repeat(43) + "=";

        CliFixture.Run run = fixture.runOnSettings("--key", otherKey, "status", "alice");

        assertEquals(1, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().contains("Is the data key the application's?"), run.err());
        assertFalse(run.err().contains(otherKey.substring(3)) || run.err().contains(CliFixture.KEY.substring(3)),
                run.err());
    }

    @Test
    void userCommandWhenDatabaseCannotBeOpenedThenFailsWithTheCause() {
        CliFixture.Run run = fixture.runOnSettings("--db", "jdbc:h2:mem:x;NO_SUCH_SETTING=1", "status", "alice");

        assertEquals(1, run.status());
        assertTrue(run.err().contains("cause: "), run.err());
    }
}
