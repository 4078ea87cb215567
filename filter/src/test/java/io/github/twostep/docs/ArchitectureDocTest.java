package io.github.twostep.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.twostep.TwoStep;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/ARCHITECTURE.md's table of exported types is the list of promises: every public type of
 * an exported package is in it, and nothing else is. ({@code config} is described as "the
 * settings and their records", so only its named entry points are checked to exist.)
 */
class ArchitectureDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(io\\.github\\.twostep(?:\\.\\w+)?)` \\| [^|]+ \\| (.+) \\|$",
            Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("`([A-Z][\\w.]*)`");

    @Test
    void publicTypesTableWhenComparedWithExportedPackagesThenSameTypes() throws Exception {
        String doc = Files.readString(ApiDocTest.root().resolve("docs/ARCHITECTURE.md"));
        Map<String, Set<String>> documented = new TreeMap<>();
        Matcher row = ROW.matcher(doc.substring(doc.indexOf("## Public types")));
        while (row.find()) {
            Set<String> names = documented.computeIfAbsent(row.group(1), p -> new TreeSet<>());
            Matcher name = NAME.matcher(row.group(2));
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        assertFalse(documented.isEmpty(), "the table was found");
        Map<String, Set<String>> exported = publicTypes();
        assertEquals(exported.keySet(), documented.keySet(), "exported packages");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : exported.entrySet()) {
            String pkg = entry.getKey();
            Set<String> found = entry.getValue();
            Set<String> listed = documented.get(pkg);
            if (!pkg.equals("io.github.twostep.config") && !difference(found, listed).isEmpty()) {
                wrong.add(pkg + ": public but not in the table: " + difference(found, listed));
            }
            if (!difference(listed, found).isEmpty()) {
                wrong.add(pkg + ": in the table but not public there: " + difference(listed, found));
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    /** Public types of every package outside {@code internal}, nested ones as {@code Outer.Inner}. */
    private static Map<String, Set<String>> publicTypes() throws Exception {
        Path classes = Path.of(TwoStep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, Set<String>> types = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String relative = classes.relativize(file).toString();
                if (!relative.endsWith(".class") || relative.equals("module-info.class")
                        || relative.startsWith("io/github/twostep/internal/")) {
                    continue;
                }
                String binary = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                Class<?> type = Class.forName(binary, false, TwoStep.class.getClassLoader());
                if (visible(type)) {
                    String pkg = type.getPackageName();
                    types.computeIfAbsent(pkg, p -> new TreeSet<>())
                            .add(type.getName().substring(pkg.length() + 1).replace('$', '.'));
                }
            }
        }
        return types;
    }

    /** Public, and so are all the types it is nested in; anonymous and local classes are not. */
    private static boolean visible(Class<?> type) throws IOException {
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }
}
