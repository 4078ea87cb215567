package io.github.twostep.config;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@code pages.templates} folder must exist, and every {@code .mustache} file in it must be
 * named after a TwoStep template: a misspelt name would otherwise be silently ignored and the
 * page would keep TwoStep's look. Other files (a README, images) are left alone. A class path
 * folder is checked when it is a directory on disk; inside a jar it cannot be listed portably,
 * so there only the names used are looked up.
 */
final class PageTemplatesRule {
    private static final String KEY = "$.pages.templates";
    private static final String EXTENSION = ".mustache";

    private PageTemplatesRule() {
    }

    static void check(PageSettings pages, Problems problems) {
        if (pages.templates() == null) {
            return;
        }
        Path folder;
        if (pages.templates().startsWith(PageSettings.CLASSPATH)) {
            URL url = classPathFolder(pages.templates().substring(PageSettings.CLASSPATH.length()));
            if (url == null) {
                problems.add(KEY, "not found on the class path");
                return;
            }
            folder = onDisk(url);
            if (folder == null) {
                return;
            }
        } else {
            folder = Path.of(pages.templates());
        }
        if (!Files.isDirectory(folder)) {
            problems.add(KEY, "is not a directory");
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<String> unknown = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(EXTENSION))
                    .filter(name -> !PageSettings.TEMPLATE_NAMES.contains(
                            name.substring(0, name.length() - EXTENSION.length())))
                    .sorted().toList();
            for (String name : unknown) {
                problems.add(KEY, "\"" + name + "\" is not a TwoStep template; expected one of "
                        + PageSettings.TEMPLATE_NAMES + " with \"" + EXTENSION + "\"");
            }
        } catch (IOException e) {
            problems.add(KEY, "cannot be listed: " + e.getClass().getSimpleName());
        }
    }

    /** The class path folder, looked up as the pages look up its templates. */
    static URL classPathFolder(String folder) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        URL url = context == null ? null : context.getResource(folder);
        return url != null ? url : PageTemplatesRule.class.getClassLoader().getResource(folder);
    }

    private static Path onDisk(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
