package io.github.twostep.internal.web;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.github.twostep.TwoStepException;
import io.github.twostep.config.PageSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTML templates of TwoStep's pages ({@code io/github/twostep/internal/web/templates/*.mustache} on
 * the class path), compiled once. A {@code pages.templates} folder replaces any of them by file
 * name; a name it does not have falls back to TwoStep's own. Every value is HTML-escaped;
 * there is no triple-mustache in TwoStep's templates, so no value reaches a page unescaped.
 * Partials ({@code {{> layout-top}}}) load the same way.
 */
final class Templates {
    private static final String FOLDER = "io/github/twostep/internal/web/templates/";

    private final PageSettings pages;
    private final String overrides;
    private final Mustache.Compiler compiler = Mustache.compiler()
            .escapeHTML(true)
            .defaultValue("")
            .withLoader(this::open);
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    /** Templates from {@code pages.templates} (null: none) over TwoStep's own. */
    Templates(PageSettings pages) {
        this.pages = Objects.requireNonNull(pages, "pages");
        this.overrides = pages.templates();
    }

    /** The {@code pages} settings every page is rendered with. */
    PageSettings pages() {
        return pages;
    }

    /** Renders template {@code name} (without extension) with {@code model}. */
    String render(String name, Object model) {
        return compiled.computeIfAbsent(name, this::compile).execute(model);
    }

    private Template compile(String name) {
        try (Reader reader = open(name)) {
            return compiler.compile(reader);
        } catch (IOException e) {
            throw new TwoStepException("cannot read template " + name, e);
        }
    }

    private Reader open(String name) throws IOException {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new TwoStepException("not a template name: " + name);
        }
        String file = name + ".mustache";
        InputStream in = override(file);
        if (in == null) {
            // through the class, not its loader: on a module path TwoStep's own resources are
            // found only by its own classes
            in = Templates.class.getResourceAsStream("/" + FOLDER + file);
        }
        if (in == null) {
            throw new TwoStepException("template not found on the class path: " + FOLDER + file);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** The application's own {@code file}, or null when it has none. */
    private InputStream override(String file) throws IOException {
        if (overrides == null) {
            return null;
        }
        if (overrides.startsWith(PageSettings.CLASSPATH)) {
            String resource = overrides.substring(PageSettings.CLASSPATH.length()) + "/" + file;
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            InputStream in = context == null ? null : context.getResourceAsStream(resource);
            return in != null ? in : Templates.class.getClassLoader().getResourceAsStream(resource);
        }
        try {
            return Files.newInputStream(Path.of(overrides, file));
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
