package io.github.twostep.docs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.config.SettingsLoader;
import jakarta.servlet.Filter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * docs/INTEGRATION.md (and the class names of docs/API.md) match the code: named classes and
 * members exist, the Java examples compile, the web.xml entry and the Maven coordinates are
 * the filter's, and every settings fragment loads.
 */
class IntegrationDocTest {
    private static final Pattern CLASS_NAME = Pattern.compile("io\\.github\\.twostep(?:\\.[a-z][a-z0-9]*)*\\.[A-Z]\\w*");
    private static final Pattern MEMBER = Pattern.compile("`([A-Z]\\w*)\\.([a-z]\\w*\\(|[A-Z][A-Z_0-9]+\\b)");
    private static final Pattern SETTINGS_KEY = Pattern.compile("`([a-z][A-Za-z]*(?:\\.[a-z][A-Za-z]*)+)`");
    private static final Pattern CONFIGURATION_ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");
    private static final Pattern PUBLIC_TYPE = Pattern.compile("public (?:final )?(?:class|interface) (\\w+)");
    /** The sections this page adds in front of the store and SMS sections (those have tests of their own). */
    private static final List<String> COMPILED_SECTIONS = List.of("## Add TwoStep to your application",
            "## Built-in login", "## External login", "## Registering in code", "## When a password changes",
            "## Your own password check");
    private static final String KEY = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void classNamesWhenMentionedInIntegrationAndApiDocsThenExist() {
        Set<String> missing = new TreeSet<>();
        int found = 0;
        for (String doc : List.of("docs/INTEGRATION.md", "docs/API.md")) {
            for (Matcher m = CLASS_NAME.matcher(read(doc)); m.find(); found++) {
                try {
                    Class.forName(m.group(), false, getClass().getClassLoader());
                } catch (ClassNotFoundException e) {
                    missing.add(doc + ": " + m.group());
                }
            }
        }

        assertTrue(found > 10, "too few class names found: " + found);
        assertTrue(missing.isEmpty(), "no such classes: " + missing);
    }

    @Test
    void membersWhenNamedAsClassDotMemberThenExistAndArePublic() {
        Map<String, String> mainClasses = mainClasses();
        Set<String> missing = new TreeSet<>();
        int found = 0;
        for (String doc : List.of("docs/INTEGRATION.md", "docs/API.md")) {
            for (Matcher m = MEMBER.matcher(read(doc)); m.find(); ) {
                String type = mainClasses.get(m.group(1));
                if (type == null) {
                    continue;
                }
                found++;
                String member = m.group(2).replace("(", "");
                if (!hasPublicMember(type, member)) {
                    missing.add(doc + ": " + m.group(1) + "." + member);
                }
            }
        }

        assertTrue(found >= 5, "too few Class.member mentions found: " + found);
        assertTrue(missing.isEmpty(), "no such public members: " + missing);
    }

    @Test
    void javaExamplesWhenCompiledTogetherThenNoErrorsOrWarnings(@TempDir Path work) throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String heading : COMPILED_SECTIONS) {
            for (String block : blocks(section(heading), "java")) {
                Matcher type = PUBLIC_TYPE.matcher(block);
                assertTrue(type.find(), "a java example without a public type in " + heading);
                Path source = work.resolve("src/com/example/" + type.group(1) + ".java");
                Files.createDirectories(source.getParent());
                Files.writeString(source, block);
                sources.add(source);
            }
        }
        assertTrue(sources.size() >= 4, "java examples not found: " + sources);
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
    void webXmlWhenParsedThenAsyncFilterOnEverythingWithSettings() throws Exception {
        String xml = blocks(section("## Add TwoStep to your application"), "xml").stream()
                .filter(b -> b.contains("<filter>")).findFirst().orElseThrow();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(("<web-app>" + xml + "</web-app>").getBytes(StandardCharsets.UTF_8)));

        Element filter = (Element) doc.getElementsByTagName("filter").item(0);
        Class<?> filterClass = Class.forName(text(filter, "filter-class"));
        assertTrue(Filter.class.isAssignableFrom(filterClass), filterClass.getName());
        assertEquals("true", text(filter, "async-supported"));
        assertEquals("settings", text(filter, "param-name"));
        assertEquals("/WEB-INF/twostep.json", text(filter, "param-value"));
        Element mapping = (Element) doc.getElementsByTagName("filter-mapping").item(0);
        assertEquals(text(filter, "filter-name"), text(mapping, "filter-name"));
        assertEquals("/*", text(mapping, "url-pattern"));
    }

    @Test
    void mavenDependencyWhenShownThenTheFilterModuleAndCurrentVersion() throws Exception {
        String xml = blocks(section("## Add TwoStep to your application"), "xml").stream()
                .filter(b -> b.contains("<dependency>")).findFirst().orElseThrow();
        Element dependency = parse(xml).getDocumentElement();
        Element filterPom = parse(read("filter/pom.xml")).getDocumentElement();
        Element parent = (Element) filterPom.getElementsByTagName("parent").item(0);

        assertEquals(text(parent, "groupId"), text(dependency, "groupId"));
        assertEquals(directChild(filterPom, "artifactId"), text(dependency, "artifactId"));
        assertEquals(text(parent, "version"), text(dependency, "version"));
    }

    @Test
    void settingsFragmentsWhenLoadedThenValid() {
        SettingsLoader loader = new SettingsLoader(name -> name.equals("TWOSTEP_KEY") ? KEY : null);
        List<String> fragments = blocks(read("docs/INTEGRATION.md"), "json");

        assertTrue(fragments.size() >= 5, "settings fragments not found: " + fragments.size());
        for (String fragment : fragments) {
            byte[] json = ("{" + fragment + "}").getBytes(StandardCharsets.UTF_8);
            assertDoesNotThrow(() -> loader.load(new ByteArrayInputStream(json), "INTEGRATION.md"), fragment);
        }
    }

    @Test
    void settingsKeysWhenMentionedThenInTheConfigurationKeyTable() {
        Set<String> keys = new TreeSet<>();
        for (Matcher m = CONFIGURATION_ROW.matcher(read("docs/CONFIGURATION.md")); m.find(); ) {
            keys.add(m.group(1));
        }
        Set<String> topLevel = new TreeSet<>();
        keys.forEach(k -> topLevel.add(k.split("\\.")[0]));
        Set<String> unknown = new TreeSet<>();
        for (String doc : List.of("docs/INTEGRATION.md", "docs/API.md")) {
            for (Matcher m = SETTINGS_KEY.matcher(read(doc)); m.find(); ) {
                String key = m.group(1);
                boolean known = keys.contains(key) || keys.stream().anyMatch(k -> k.startsWith(key + "."));
                if (topLevel.contains(key.split("\\.")[0]) && !known) {
                    unknown.add(doc + ": " + key);
                }
            }
        }

        assertTrue(topLevel.size() > 10, "CONFIGURATION.md key table not found: " + topLevel);
        assertTrue(unknown.isEmpty(), "settings keys not in CONFIGURATION.md: " + unknown);
    }

    private static boolean hasPublicMember(String className, String member) {
        try {
            Class<?> type = Class.forName(className, false, IntegrationDocTest.class.getClassLoader());
            return Arrays.stream(type.getMethods()).map(Method::getName).anyMatch(member::equals)
                    || Arrays.stream(type.getFields()).map(Field::getName).anyMatch(member::equals);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Simple name → fully qualified name of every top-level class in filter/src/main/java. */
    private static Map<String, String> mainClasses() {
        Path sources = ApiDocTest.root().resolve("filter/src/main/java");
        Map<String, String> classes = new HashMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String name = sources.relativize(f).toString().replace('/', '.').replace('\\', '.');
                String qualified = name.substring(0, name.length() - ".java".length());
                classes.put(qualified.substring(qualified.lastIndexOf('.') + 1), qualified);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classes;
    }

    private static List<String> blocks(String text, String language) {
        List<String> blocks = new ArrayList<>();
        for (Matcher m = Pattern.compile("(?m)^```" + language + "\\n(.*?)^```", Pattern.DOTALL).matcher(text);
                m.find(); ) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static String section(String heading) {
        return ApiDocTest.section(read("docs/INTEGRATION.md"), heading);
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element element, String tag) {
        return element.getElementsByTagName(tag).item(0).getTextContent().strip();
    }

    private static String directChild(Element element, String tag) {
        for (var node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && child.getTagName().equals(tag)) {
                return child.getTextContent().strip();
            }
        }
        throw new AssertionError("no <" + tag + "> in <" + element.getTagName() + ">");
    }

    private static String read(String relative) {
        try {
            return Files.readString(ApiDocTest.root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
