package io.github.twostep.internal.web;

import io.github.twostep.config.PageSettings;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
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
    private String context = "";
    private boolean script;

    private View(String template) {
        this.template = template;
    }

    static View of(String template, Exchange x, Messages messages, String titleKey, String prefix) {
        View view = new View(template);
        String context = x.request().getContextPath();
        view.context = context;
        view.values.put("t", messages.all());
        view.values.put("title", messages.get(titleKey));
        view.values.put("base", context + prefix);
        view.values.put("home", context + "/");
        view.values.put("logout", context + "/logout");
        view.values.put("user", x.user());
        view.values.put("csrf", x.session() == null ? "" : x.session().csrfToken());
        return view;
    }

    /**
     * Loads TwoStep's security-key script ({@code P/static/webauthn.js}, as {@code script}) on
     * this page: its Content-Security-Policy then allows scripts and {@code fetch} from this
     * origin only, never inline script.
     */
    View withScript() {
        script = true;
        values.put("script", values.get("base") + "/static/webauthn.js");
        return this;
    }

    View with(String name, Object value) {
        values.put(name, value);
        return this;
    }

    void render(HttpServletResponse response, Templates templates, int status) throws IOException {
        PageSettings pages = templates.pages();
        @SuppressWarnings("unchecked")
        Map<String, String> texts = (Map<String, String>) values.get("t");
        values.put("appName", pages.appName() != null ? pages.appName() : texts.get("site_title"));
        values.put("backLabel", pages.appName() != null ? texts.get("back_to_app") + " " + pages.appName()
                : texts.get("back_to_app_default"));
        if (pages.homeUrl() != null) {
            values.put("home", link(pages.homeUrl()));
        }
        values.put("stylesheet", pages.stylesheet() == null ? null : link(pages.stylesheet()));
        NoStore.apply(response);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'" + styleOrigin(pages)
                + (script ? "; script-src 'self'; connect-src 'self'" : "")
                + "; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'");
        response.getOutputStream().write(templates.render(template, values).getBytes(StandardCharsets.UTF_8));
    }

    /** A path in the application gets the context path; an http(s) address stays as it is. */
    private String link(String setting) {
        return setting.startsWith("/") ? context + setting : setting;
    }

    /** The origin of an https stylesheet, for the Content-Security-Policy; empty for one in the application. */
    private static String styleOrigin(PageSettings pages) {
        if (pages.stylesheet() == null || pages.stylesheet().startsWith("/")) {
            return "";
        }
        URI uri = URI.create(pages.stylesheet());
        return " " + uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
