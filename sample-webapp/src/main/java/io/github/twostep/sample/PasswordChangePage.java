package io.github.twostep.sample;

import io.github.twostep.TwoStep;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /account/password}, behind TwoStep like every page of the account: the signed-in user
 * confirms the current password and sets a new one. The page then calls
 * {@link TwoStep#passwordChanged}, as every application must, so every browser the user had told
 * to skip the code has to prove the second factor again ({@code P/devices} shows none left).
 */
final class PasswordChangePage extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String PATH = "/account/password";

    private final transient Site site;
    private final transient TwoStep twoStep;
    private final transient DemoUsers users;

    PasswordChangePage(Site site, TwoStep twoStep, DemoUsers users) {
        this.site = Objects.requireNonNull(site, "site");
        this.twoStep = Objects.requireNonNull(twoStep, "twoStep");
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Texts texts = Texts.forLocales(request.getLocales());
        site.views().send(response, 200, "password-change", model(request, texts));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Texts texts = Texts.forLocales(request.getLocales());
        Map<String, Object> model = model(request, texts);
        String user = request.getRemoteUser();
        if (!FormToken.presentIn(request)) {
            model.put("error", texts.get("form_expired"));
            site.views().send(response, HttpServletResponse.SC_FORBIDDEN, "password-change", model);
            return;
        }
        String current = request.getParameter("current");
        String problem = NewPassword.problem(request.getParameter("password"), request.getParameter("confirm"));
        if (problem != null) {
            model.put("error", texts.get(problem));
            site.views().send(response, HttpServletResponse.SC_BAD_REQUEST, "password-change", model);
            return;
        }
        boolean confirmed = current != null && twoStep.passwordVerifier().orElseThrow()
                .verify(user, current.toCharArray()).isPresent();
        if (!confirmed) {
            model.put("error", texts.get("password_current_wrong"));
            site.views().send(response, HttpServletResponse.SC_BAD_REQUEST, "password-change", model);
            return;
        }
        users.setPassword(user, request.getParameter("password").toCharArray());
        twoStep.passwordChanged(user);
        model.put("done", texts.get("password_changed"));
        site.views().send(response, 200, "password-change", model);
    }

    private Map<String, Object> model(HttpServletRequest request, Texts texts) {
        Map<String, Object> model = site.page(request, texts, "password_change_title");
        model.put("formToken", FormToken.of(request));
        model.put("minLength", NewPassword.MIN_LENGTH);
        model.put("maxLength", NewPassword.MAX_LENGTH);
        return model;
    }
}
