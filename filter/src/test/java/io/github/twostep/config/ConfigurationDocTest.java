package io.github.twostep.config;

import static io.github.twostep.config.SettingsFixtures.LOADER;
import static io.github.twostep.config.SettingsFixtures.configDirectory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/CONFIGURATION.md says what the schema and the loader do. */
class ConfigurationDocTest {

    private static final Pattern KEY_ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");

    private static String doc() throws IOException {
        return Files.readString(configDirectory().resolveSibling("docs/CONFIGURATION.md"));
    }

    @Test
    void keyTableWhenComparedWithSchemaThenSameKeys() throws IOException {
        String keys = doc().substring(doc().indexOf("## Keys"), doc().indexOf("## Rules across keys"));
        List<String> rows = new ArrayList<>();
        for (Matcher m = KEY_ROW.matcher(keys); m.find(); ) {
            rows.add(m.group(1));
        }
        TreeSet<String> documented = new TreeSet<>(rows);
        assertEquals(rows.size(), documented.size(), "a key is documented twice");
        TreeSet<String> schemaLeaves = new TreeSet<>(
                ConfigFilesTest.schemaKeyPaths(ConfigFilesTest.schema(), "", true));
        assertEquals(schemaLeaves, documented);
    }

    @Test
    void errorExampleWhenLoadedThenLoaderSaysExactlyWhatTheDocShows() throws IOException {
        String errors = doc().substring(doc().indexOf("## Errors"));
        String input = block(errors, "```json\n");
        String expected = block(errors.substring(errors.indexOf("is refused with")), "```\n");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> LOADER.load(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "/etc/myapp/twostep.json"));
        assertEquals(expected.strip(), e.getMessage());
    }

    @Test
    void notJsonExampleWhenLoadedThenSameMessage() throws IOException {
        Matcher m = Pattern.compile("`(line 3, column 17: [^`]+)`").matcher(doc());
        assertTrue(m.find());
        List<String> problems = SettingsFixtures.problems("{\n  \"code\": {\n    \"length\": 6,,\n  }\n}");
        assertEquals(List.of(m.group(1)), problems);
    }

    private static String block(String text, String fence) {
        int start = text.indexOf(fence) + fence.length();
        return text.substring(start, text.indexOf("```", start));
    }
}
