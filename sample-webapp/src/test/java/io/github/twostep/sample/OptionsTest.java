package io.github.twostep.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptionsTest {

    @Test
    void parseWhenNoArgumentsThenDefaults() {
        Options options = Options.parse();

        assertEquals(8080, options.port());
        assertEquals("127.0.0.1", options.host(), "this machine only unless told otherwise");
        assertNull(options.settings(), "null: config/twostep.json, else the copy in the jar");
        assertEquals("jdbc:h2:file:./data/twostep-sample;AUTO_SERVER=TRUE", options.db());
        assertEquals(Path.of("data"), options.dataDirectory());
        assertFalse(options.help());
    }

    @Test
    void parseWhenEveryOptionGivenThenTaken() {
        Options options = Options.parse("--port", "9090", "--settings", "config/profiles/strict.json",
                "--db", "jdbc:h2:mem:x", "--host", "0.0.0.0");

        assertEquals("0.0.0.0", options.host());
        assertEquals(9090, options.port());
        assertEquals("config/profiles/strict.json", options.settings());
        assertEquals("jdbc:h2:mem:x", options.db());
    }

    @Test
    void parseWhenHelpThenHelpAsked() {
        assertTrue(Options.parse("--help").help());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--verbose", "-p", "8080", "--PORT"})
    void parseWhenUnknownOptionThenUsageError(String option) {
        Options.UsageException error = assertThrows(Options.UsageException.class, () -> Options.parse(option));

        assertEquals("unknown option: " + option, error.getMessage());
    }

    @Test
    void parseWhenValueMissingThenUsageError() {
        assertThrows(Options.UsageException.class, () -> Options.parse("--port"));
        assertThrows(Options.UsageException.class, () -> Options.parse("--settings", "--port", "1"));
        assertThrows(Options.UsageException.class, () -> Options.parse("--host"));
        assertThrows(Options.UsageException.class, () -> Options.parse("--host", " "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"eighty", "-1", "65536", ""})
    void parseWhenPortNotUsableThenUsageError(String port) {
        assertThrows(Options.UsageException.class, () -> Options.parse("--port", port));
    }

    @Test
    void usageNamesEveryOption() {
        for (String option : new String[] {"--host", "--port", "--settings", "--db", "--help"}) {
            assertTrue(Options.USAGE.contains(option), option);
        }
        assertTrue(Options.USAGE.contains("default 127.0.0.1"), Options.USAGE);
        assertTrue(Options.USAGE.contains("sms-call"), Options.USAGE);
    }

    @Test
    void parseWhenSessionsGivenThenSharedOrNot() {
        assertTrue(Options.parse("--sessions", "db").sharedSessions());
        assertFalse(Options.parse("--sessions", "memory").sharedSessions());
        assertFalse(Options.parse().sharedSessions(), "in memory unless asked");
        Options.UsageException error = assertThrows(Options.UsageException.class,
                () -> Options.parse("--sessions", "redis"));
        assertEquals("--sessions must be memory or db, got \"redis\"", error.getMessage());
    }
}
