package io.github.twostep.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleKeyTest {
    @TempDir
    Path directory;

    @Test
    void resolveWhenEnvironmentHasKeyThenTakenAndNoFileWritten() {
        String key = SampleKey.newKey();

        SampleKey resolved = SampleKey.resolve(Map.of("TWOSTEP_KEY", key)::get, directory.resolve("data"));

        assertEquals(key, resolved.value());
        assertEquals("the environment variable TWOSTEP_KEY", resolved.origin());
        assertFalse(Files.exists(directory.resolve("data")));
    }

    @Test
    void resolveWhenNoKeyAnywhereThenFileCreatedOwnerOnlyAndReusedNextTime() throws Exception {
        Path data = directory.resolve("data");

        SampleKey first = SampleKey.resolve(name -> null, data);
        SampleKey second = SampleKey.resolve(name -> null, data);

        assertTrue(first.origin().endsWith("created now"), first.origin());
        assertFalse(second.origin().endsWith("created now"), second.origin());
        assertEquals(first.value(), second.value());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(data.resolve("twostep.key"))));
        }
    }

    @Test
    void newKeyIsIdAnd32RandomBytes() {
        String key = SampleKey.newKey();

        assertTrue(key.startsWith("k1:"));
        assertEquals(32, Base64.getDecoder().decode(key.substring(3)).length);
        assertNotEquals(key, SampleKey.newKey());
    }

    @Test
    void toStringNeverShowsTheKey() {
        SampleKey key = new SampleKey(SampleKey.newKey(), "test");

        assertFalse(key.toString().contains(key.value().substring(3)));
    }
}
