package io.github.twostep.sample;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.github.twostep.TwoStepException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sample's page templates ({@code io/github/twostep/sample/templates/*.mustache}), compiled
 * once. Every value is HTML-escaped (no template uses a triple mustache). Pages are sent with a
 * strict Content-Security-Policy: no scripts, styles from this origin only.
 */
final class Views {
    private static final String FOLDER = "io/github/twostep/sample/templates/";
    private static final String POLICY =
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'";

    private final Mustache.Compiler compiler = Mustache.compiler()
            .escapeHTML(true)
            .emptyStringIsFalse(true)
            .defaultValue("")
            .withLoader(Views::open);
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    /** Renders template {@code name} with {@code model}. */
    String render(String name, Object model) {
        return compiled.computeIfAbsent(name, this::compile).execute(model);
    }

    /** Sends template {@code name} as an HTML page with {@code status}; never cached. */
    void send(HttpServletResponse response, int status, String name, Object model) throws IOException {
        byte[] html = render(name, model).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", POLICY);
        response.getOutputStream().write(html);
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
        InputStream in = Views.class.getClassLoader().getResourceAsStream(FOLDER + name + ".mustache");
        if (in == null) {
            throw new TwoStepException("template not found on the class path: " + FOLDER + name + ".mustache");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
