package io.github.twostep.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/SECURITY.md names the code that meets each property and the tests that prove it; the
 * names must stay real, and every property of the filter must name at least one test.
 */
class SecurityDocTest {
    private static final Pattern REFERENCE = Pattern.compile("`([A-Z]\\w*)#(\\w+)`");
    private static final Pattern PROPERTY_ROW = Pattern.compile("(?m)^\\| (?!property \\|)(?!---)([^|]+)\\|([^|]+)\\|([^|]+)\\|\\s*$");
    private static final Pattern TEST_REFERENCE = Pattern.compile("`\\w+(?:Test|IT|Contract)#\\w+`");
    /** Issue 5's "Security properties": one row each. */
    private static final int PROPERTIES = 11;

    @Test
    void referencesWhenClassHashMemberThenBothExist() {
        Map<String, List<Path>> sources = sourcesByClassName();
        Set<String> broken = new TreeSet<>();
        int found = 0;
        for (Matcher m = REFERENCE.matcher(read(ApiDocTest.root().resolve("docs/SECURITY.md"))); m.find(); found++) {
            List<Path> files = sources.getOrDefault(m.group(1), List.of());
            boolean test = m.group(1).matches(".*(Test|IT|Contract)");
            Pattern member = Pattern.compile(test ? "\\bvoid " + m.group(2) + "\\(" : "\\b" + m.group(2) + "\\s*\\(");
            if (files.stream().noneMatch(file -> member.matcher(read(file)).find())) {
                broken.add(m.group(1) + "#" + m.group(2) + (files.isEmpty() ? " (no such class)" : ""));
            }
        }

        assertTrue(found > 50, "references not found: " + found);
        assertTrue(broken.isEmpty(), "SECURITY.md names code or tests that do not exist: " + broken);
    }

    @Test
    void propertiesTableWhenReadThenEveryPropertyOfTheFilterNamesATest() {
        String table = ApiDocTest.section(read(ApiDocTest.root().resolve("docs/SECURITY.md")), "## Security properties");
        List<String> rows = new ArrayList<>();
        List<String> untested = new ArrayList<>();
        for (Matcher m = PROPERTY_ROW.matcher(table); m.find(); ) {
            rows.add(m.group(1).strip());
            if (!TEST_REFERENCE.matcher(m.group(3)).find()) {
                untested.add(m.group(1).strip());
            }
        }

        assertEquals(PROPERTIES, rows.size(), "properties listed: " + rows);
        assertTrue(untested.isEmpty(), "properties without a test: " + untested);
    }

    /** Simple class name → the source files of that name under filter/src (main and test). */
    private static Map<String, List<Path>> sourcesByClassName() {
        try (Stream<Path> files = Files.walk(ApiDocTest.root().resolve("filter/src"))) {
            return files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.groupingBy(
                    f -> f.getFileName().toString().replace(".java", "")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
