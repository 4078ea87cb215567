package io.github.twostep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.internal.store.KeyRing;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataKeysTest {
    @TempDir
    Path directory;

    @Test
    void generateKeyWhenNoIdThenK1AndThirtyTwoBytesTheStoreAccepts() {
        CliFixture.Run run = new CliFixture(directory).run("generate-key");

        assertEquals(0, run.status(), run.err());
        String key = run.out().strip();
        assertTrue(key.startsWith("k1:"), key);
        assertEquals(32, Base64.getDecoder().decode(key.substring(3)).length);
        assertEquals("k1", KeyRing.parse(key, List.of()).currentKeyId());
    }

    @Test
    void generateKeyWhenIdGivenThenKeyCarriesIt() {
        CliFixture.Run run = new CliFixture(directory).run("generate-key", "prod-2026");

        assertEquals(0, run.status(), run.err());
        assertEquals("prod-2026", KeyRing.parse(run.out().strip(), List.of()).currentKeyId());
    }

    @Test
    void generateKeyWhenRunTwiceThenDifferentKeys() {
        CliFixture fixture = new CliFixture(directory);

        assertNotEquals(fixture.run("generate-key").out(), fixture.run("generate-key").out());
    }

    @Test
    void generateKeyWhenIdInvalidThenStatusTwo() {
        CliFixture.Run run = new CliFixture(directory).run("generate-key", "not:an id");

        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().contains("a key id is 1 to 16 letters, digits, _ or -"), run.err());
    }
}
