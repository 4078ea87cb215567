package io.github.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The section "Spring Boot and Spring Security" of docs/INTEGRATION.md is what this module runs:
 * its Java compiles against Spring Boot 4 and Spring Security 7 without warnings, and its
 * settings, SQL and properties are this module's own files.
 */
class SpringIntegrationDocTest {
    private static final String HEADING = "## Spring Boot and Spring Security";
    private static final Pattern PUBLIC_TYPE = Pattern.compile("public (?:final )?class (\\w+)");
    private static final String DATA_KEY = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final Function<String, String> KEY = name -> name.equals("TWOSTEP_KEY") ? DATA_KEY : null;

    @Test
    void javaExamplesWhenCompiledTogetherThenNoErrorsOrWarnings(@TempDir Path work) throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String block : blocks("java")) {
            Matcher type = PUBLIC_TYPE.matcher(block);
            assertTrue(type.find(), "a java example without a public class");
            Path source = Files.createDirectories(work.resolve("src/com/example")).resolve(type.group(1) + ".java");
            Files.writeString(source, block);
            sources.add(source);
        }
        assertEquals(3, sources.size(), "java examples: " + sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK");
        StringWriter errors = new StringWriter();

        boolean compiled = javac.getTask(errors, null, null, List.of("-d", work.resolve("classes").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xlint:all", "-Werror"), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(sources.toArray(Path[]::new)))
                .call();

        assertTrue(compiled, errors.toString());
    }

    @Test
    void settingsWhenShownThenTheOnesThisModuleRuns() throws IOException {
        SettingsLoader loader = new SettingsLoader(KEY);
        Settings shown = loader.load(new ByteArrayInputStream(("{" + blocks("json").get(0) + "}")
                .getBytes(StandardCharsets.UTF_8)), "INTEGRATION.md");

        assertEquals(loader.load(resource("twostep.json"), "twostep.json"), shown);
    }

    @Test
    void schemaAndPropertiesWhenShownThenThisModulesFiles() throws IOException {
        assertEquals(text(resource("schema.sql")).strip(), blocks("sql").get(0).strip());
        String properties = text(resource("application.properties"));
        for (String line : blocks("properties").get(0).strip().split("\n")) {
            assertTrue(properties.lines().anyMatch(line::equals), "not in application.properties: " + line);
        }
    }

    private static List<String> blocks(String language) throws IOException {
        String doc = Files.readString(root().resolve("docs/INTEGRATION.md"));
        int start = doc.indexOf("\n" + HEADING + "\n");
        assertTrue(start >= 0, "no section " + HEADING);
        int end = doc.indexOf("\n## ", start + HEADING.length());
        String section = doc.substring(start, end < 0 ? doc.length() : end);
        List<String> blocks = new ArrayList<>();
        for (Matcher m = Pattern.compile("(?m)^```" + language + "\\n(.*?)^```", Pattern.DOTALL).matcher(section);
                m.find(); ) {
            blocks.add(m.group(1));
        }
        assertFalse(blocks.isEmpty(), "no " + language + " block in " + HEADING);
        return blocks;
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/INTEGRATION.md"))) {
                return dir;
            }
        }
        throw new AssertionError("docs/INTEGRATION.md not found above " + Path.of("").toAbsolutePath());
    }

    private static InputStream resource(String name) {
        InputStream in = SpringIntegrationDocTest.class.getResourceAsStream("/" + name);
        assertNotNull(in, name);
        return in;
    }

    private static String text(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
