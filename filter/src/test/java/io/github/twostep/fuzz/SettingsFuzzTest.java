package io.github.twostep.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.twostep.config.InvalidSettingsException;
import io.github.twostep.config.SettingsLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The settings loader on arbitrary bytes: it returns settings or throws
 * {@link InvalidSettingsException}, nothing else, and no problem it reports shows the value a
 * {@code ${env:KEY}} reference resolved to.
 */
class SettingsFuzzTest {
    /** The data key behind {@code ${env:KEY}}; its Base64 text must never reach an error. */
    private static final String KEY_MATERIAL = Base64.getEncoder()
            .encodeToString("fuzz-data-key-of-exactly-32-byte".getBytes(StandardCharsets.US_ASCII));
    private static final SettingsLoader LOADER =
            new SettingsLoader(name -> "KEY".equals(name) ? "k1:" + KEY_MATERIAL : null);

    @FuzzTest(maxDuration = FuzzInput.RUN_TIME)
    void loadWhenAnyBytesThenSettingsOrInvalidSettings(byte[] data) {
        try {
            LOADER.load(new ByteArrayInputStream(data), "fuzz.json");
        } catch (InvalidSettingsException expected) {
            assertFalse(expected.getMessage().contains(KEY_MATERIAL) && !mayHoldKeyItself(data),
                    "an error shows the value of ${env:KEY}");
        }
    }

    /** Whether the file itself spells the key, plainly or through JSON escapes, so an error may quote it. */
    private static boolean mayHoldKeyItself(byte[] data) {
        String text = FuzzInput.text(data);
        return text.contains(KEY_MATERIAL) || text.contains("\\u");
    }
}
