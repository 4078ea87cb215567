package io.github.twostep.web;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.github.twostep.TwoStepException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTML templates of TwoStep's pages ({@code io/github/twostep/web/templates/*.mustache} on
 * the class path), compiled once. Every value is HTML-escaped; there is no triple-mustache in
 * any template, so no value reaches a page unescaped. Partials ({@code {{> layout-top}}})
 * load from the same folder.
 */
final class Templates {
    private static final String FOLDER = "io/github/twostep/web/templates/";

    private final Mustache.Compiler compiler = Mustache.compiler()
            .escapeHTML(true)
            .defaultValue("")
            .withLoader(Templates::open);
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

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

    private static Reader open(String name) {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new TwoStepException("not a template name: " + name);
        }
        InputStream in = Templates.class.getClassLoader().getResourceAsStream(FOLDER + name + ".mustache");
        if (in == null) {
            throw new TwoStepException("template not found on the class path: " + FOLDER + name + ".mustache");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
