package io.github.twostep.sample;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The application's own pages behind TwoStep: the public home page ({@code /}, exempt in the
 * shipped settings), the protected area ({@code /protected}) and the user menu
 * ({@code /account}). They read the user as any servlet application does, from
 * {@link HttpServletRequest#getRemoteUser()}.
 */
public final class AppPages extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private transient Site site;

    /** For {@code web.xml}: the pages read TwoStep's settings from the filter, at {@link #init()}. */
    public AppPages() {
    }

    AppPages(Site site) {
        this.site = site;
    }

    @Override
    public void init() throws ServletException {
        if (site == null) {
            site = new Site(Site.published(getServletContext()).settings(), false);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Texts texts = Texts.forLocales(request.getLocales());
        switch (request.getServletPath()) {
            case "" -> site.views().send(response, 200, "home", site.page(request, texts, "home_title"));
            case "/protected" -> {
                Map<String, Object> model = site.page(request, texts, "protected_title");
                model.put("reached", texts.format("protected_reached", String.valueOf(request.getRemoteUser())));
                site.views().send(response, 200, "protected", model);
            }
            case "/account" -> site.views().send(response, 200, "account", site.page(request, texts, "account_title"));
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
