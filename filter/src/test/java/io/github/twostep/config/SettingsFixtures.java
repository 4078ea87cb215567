package io.github.twostep.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Helpers shared by the settings tests. */
final class SettingsFixtures {

    /** A well-formed data key ("k1", 32 bytes of 0x01). */
    static final String KEY = "k1:" + Base64.getEncoder().encodeToString(filled(1));
    static final Map<String, String> ENV = Map.of("TWOSTEP_KEY", KEY);
    static final SettingsLoader LOADER = new SettingsLoader(ENV::get);

    private SettingsFixtures() {
    }

    static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    static Settings load(String json) {
        return LOADER.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    static List<String> problems(String json) {
        return assertThrows(InvalidSettingsException.class, () -> load(json)).problems();
    }

    /** The repository's config/ directory, found by walking up from the working directory. */
    static Path configDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("config/twostep.json"))) {
                return dir.resolve("config");
            }
        }
        throw new IllegalStateException("config/twostep.json not found above " + Path.of("").toAbsolutePath());
    }
}
