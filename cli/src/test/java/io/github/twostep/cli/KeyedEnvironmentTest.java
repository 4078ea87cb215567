package io.github.twostep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyedEnvironmentTest {
    @TempDir
    Path data;

    @Test
    void keyWhenOptionGivenThenOptionWins() throws IOException {
        Files.writeString(data.resolve("twostep.key"), "k1:file\n");

        var environment = new KeyedEnvironment("k1:option", Map.of("TWOSTEP_KEY", "k1:env")::get, data);

        assertEquals("k1:option", environment.apply("TWOSTEP_KEY"));
    }

    @Test
    void keyWhenNoOptionThenEnvironmentBeforeFile() throws IOException {
        Files.writeString(data.resolve("twostep.key"), "k1:file\n");

        var environment = new KeyedEnvironment(null, Map.of("TWOSTEP_KEY", "k1:env")::get, data);

        assertEquals("k1:env", environment.apply("TWOSTEP_KEY"));
    }

    @Test
    void keyWhenOnlyTheSamplesFileThenItsKey() throws IOException {
        Files.writeString(data.resolve("twostep.key"), "k1:file\n");

        assertEquals("k1:file", new KeyedEnvironment(null, name -> null, data).apply("TWOSTEP_KEY"));
    }

    @Test
    void keyWhenNowhereThenUnsetAndNoFileCreated() {
        assertNull(new KeyedEnvironment(null, name -> null, data).apply("TWOSTEP_KEY"));
        assertFalse(Files.exists(data.resolve("twostep.key")));
    }

    @Test
    void otherNamesWhenAskedThenFromTheProcess() {
        var environment = new KeyedEnvironment("k1:option", Map.of("SMTP_PASSWORD", "secret")::get, data);

        assertEquals("secret", environment.apply("SMTP_PASSWORD"));
    }
}
