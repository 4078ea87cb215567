package io.github.twostep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compiled {@code module-info.class} exports exactly the API and SPI: every package of the
 * filter outside {@code io.github.twostep.internal}, and none inside it; the only package opened
 * for reflection is the web layer's, to Jackson and JMustache.
 */
class ModuleDescriptorTest {

    @Test
    void exportsWhenReadFromTheCompiledModuleThenEveryPackageButTheInternalOnes() throws Exception {
        Path classes = Path.of(TwoStep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertEquals("io.github.twostep", descriptor.name());
        Set<String> exported = descriptor.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
        Set<String> packages = packages(classes);
        Set<String> api = packages.stream().filter(p -> !p.startsWith("io.github.twostep.internal"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(api, exported, "exported packages");
        assertTrue(descriptor.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified),
                "no package is exported to chosen modules only");
        assertEquals(Set.of("io.github.twostep.internal.web -> [com.fasterxml.jackson.databind, com.samskivert.jmustache]"),
                descriptor.opens().stream().map(o -> o.source() + " -> " + new TreeSet<>(o.targets()))
                        .collect(Collectors.toSet()),
                "only the web layer's answer and page records are opened, to the JSON and template libraries only");
        assertTrue(packages.contains("io.github.twostep.internal.core"), "the scan found the internal packages");
    }

    /** The packages holding classes under {@code classes}. */
    private static Set<String> packages(Path classes) throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class"))
                    .map(f -> classes.relativize(f.getParent()).toString().replace('/', '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
