package io.github.twostep.internal.delivery;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.github.twostep.TwoStepException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Mustache templates under {@code templates/} next to this class, compiled once. HTML
 * templates escape every value; plain-text templates copy values as they are.
 */
final class Templates {
    private static final Mustache.Compiler HTML = Mustache.compiler().escapeHTML(true);
    private static final Mustache.Compiler TEXT = Mustache.compiler().escapeHTML(false);

    private final Template codeText = load(TEXT, "code-email.txt.mustache");
    private final Template codeHtml = load(HTML, "code-email.html.mustache");
    private final Template noticeText = load(TEXT, "notice-email.txt.mustache");
    private final Template noticeHtml = load(HTML, "notice-email.html.mustache");

    String codeText(Map<String, Object> values) {
        return codeText.execute(values);
    }

    String codeHtml(Map<String, Object> values) {
        return codeHtml.execute(values);
    }

    String noticeText(Map<String, Object> values) {
        return noticeText.execute(values);
    }

    String noticeHtml(Map<String, Object> values) {
        return noticeHtml.execute(values);
    }

    private static Template load(Mustache.Compiler compiler, String name) {
        String path = "templates/" + name;
        try (InputStream in = Templates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new TwoStepException("Message template " + path + " is missing from the classpath");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return compiler.compile(reader);
            }
        } catch (IOException e) {
            throw new TwoStepException("Message template " + path + " cannot be read", e);
        }
    }
}
