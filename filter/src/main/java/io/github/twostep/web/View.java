package io.github.twostep.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The values one page template is rendered with: the common ones (texts, title, paths, CSRF
 * token, user) and the page's own. Every value is HTML-escaped by the template engine.
 */
final class View {
    private final Map<String, Object> values = new HashMap<>();
    private final String template;

    private View(String template) {
        this.template = template;
    }

    static View of(String template, Exchange x, Messages messages, String titleKey, String prefix) {
        View view = new View(template);
        String context = x.request().getContextPath();
        view.values.put("t", messages.all());
        view.values.put("title", messages.get(titleKey));
        view.values.put("base", context + prefix);
        view.values.put("home", context + "/");
        view.values.put("logout", context + "/logout");
        view.values.put("user", x.user());
        view.values.put("csrf", x.session() == null ? "" : x.session().csrfToken());
        return view;
    }

    View with(String name, Object value) {
        values.put(name, value);
        return this;
    }

    void render(HttpServletResponse response, Templates templates, int status) throws IOException {
        NoStore.apply(response);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy",
                "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'");
        response.getOutputStream().write(templates.render(template, values).getBytes(StandardCharsets.UTF_8));
    }
}
