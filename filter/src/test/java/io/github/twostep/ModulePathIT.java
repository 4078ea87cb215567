package io.github.twostep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * TwoStep as a named module: a JVM with the filter's classes and its dependencies on the module
 * path, and an application (Jetty and {@code ModulePathSmoke}) on the class path, builds TwoStep
 * through the exported API and serves its status and login page, so the descriptor's requires,
 * the exports and the loading of templates and message bundles from inside the module all hold.
 */
class ModulePathIT {
    /** The filter's own dependencies (module-info's requires), which go on the module path. */
    private static final Pattern MODULES = Pattern.compile(".*[/\\\\](jakarta\\.servlet-api|jackson-(core|databind|annotations"
            + "|dataformat-cbor)|webauthn4j-[a-z]+|core|commons-codec|jakarta\\.mail-api|jakarta\\.activation-api"
            + "|angus-[a-z]+|bcprov-jdk18on|slf4j-api|jmustache)-[0-9][^/\\\\]*\\.jar");

    @Test
    void moduleWhenOnTheModulePathThenApplicationOnTheClassPathServesItsPages() throws Exception {
        Path classes = Path.of(TwoStep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> modulePath = new ArrayList<>(List.of(classes.toString()));
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Path.of(entry).toAbsolutePath().equals(classes.toAbsolutePath())) {
                continue;
            }
            (MODULES.matcher(entry).matches() ? modulePath : classPath).add(entry);
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", "io.github.twostep",
                "-cp", String.join(File.pathSeparator, classPath),
                "io.github.twostep.modulepath.ModulePathSmoke");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(process.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("module-path smoke: ok"), output);
    }
}
