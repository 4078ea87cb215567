package io.github.twostep.sample;

import io.github.twostep.Caller;
import io.github.twostep.TwoStep;
import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.DevOutbox;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.delivery.Purpose;
import io.github.twostep.login.AuthenticatedUser;
import io.github.twostep.web.TwoStepFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * "Forgot your password?": {@code /password/forgot} mails a reset link (through the dev outbox)
 * to the address on file, and {@code /password/reset?t=…} sets a new password and signs the user
 * in with it. Signing in this way is only the first factor: a user with two-factor
 * authentication lands at TwoStep's challenge, exactly as after typing the password, so a reset
 * never skips the second factor. Both pages are public (the sample adds them to
 * {@code exempt.paths}); every answer to the request for a link is the same, known user or not.
 */
final class PasswordResetPages extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String FORGOT = "/password/forgot";
    static final String RESET = "/password/reset";
    private static final int MAX_NAME_LENGTH = 256;

    private final transient Site site;
    private final transient TwoStep twoStep;
    private final transient DemoUsers users;
    private final transient PasswordResets resets;
    private final transient DevOutbox outbox;

    PasswordResetPages(Site site, TwoStep twoStep, DemoUsers users, PasswordResets resets, DevOutbox outbox) {
        this.site = Objects.requireNonNull(site, "site");
        this.twoStep = Objects.requireNonNull(twoStep, "twoStep");
        this.users = Objects.requireNonNull(users, "users");
        this.resets = Objects.requireNonNull(resets, "resets");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Texts texts = Texts.forLocales(request.getLocales());
        if (FORGOT.equals(request.getServletPath())) {
            site.views().send(response, 200, "password-forgot", model(request, texts, "password_forgot_title"));
            return;
        }
        String token = request.getParameter("t");
        Map<String, Object> model = model(request, texts, "password_reset_title");
        if (resets.peek(token).isEmpty()) {
            model.put("invalid", texts.get("password_reset_invalid"));
            site.views().send(response, HttpServletResponse.SC_BAD_REQUEST, "password-reset", model);
            return;
        }
        model.put("token", token);
        site.views().send(response, 200, "password-reset", model);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Texts texts = Texts.forLocales(request.getLocales());
        boolean forgot = FORGOT.equals(request.getServletPath());
        String template = forgot ? "password-forgot" : "password-reset";
        Map<String, Object> model = model(request, texts, forgot ? "password_forgot_title" : "password_reset_title");
        if (!FormToken.presentIn(request)) {
            model.put("error", texts.get("form_expired"));
            model.put("token", request.getParameter("t"));
            site.views().send(response, HttpServletResponse.SC_FORBIDDEN, template, model);
            return;
        }
        if (forgot) {
            requestLink(request, texts);
            model.put("done", texts.format("password_forgot_sent", PasswordResets.VALIDITY.toMinutes()));
            site.views().send(response, 200, template, model);
            return;
        }
        reset(request, response, texts, model);
    }

    /** Mails a link when the name is a user's with an email address; says nothing either way. */
    private void requestLink(HttpServletRequest request, Texts texts) {
        String name = request.getParameter("user") == null ? "" : request.getParameter("user").strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return;
        }
        Optional<String> email = users.email(name);
        if (email.isEmpty()) {
            return;
        }
        String link = twoStep.settings().paths().publicUrl() + RESET + "?t="
                + URLEncoder.encode(resets.issue(name), StandardCharsets.US_ASCII);
        // A reset link signs its holder in: it is as secret as a sign-in code.
        outbox.send(new OutgoingMessage(Channel.EMAIL, Purpose.SIGN_IN_CODE, email.get(),
                texts.get("password_mail_subject"),
                texts.format("password_mail_text", name, link, PasswordResets.VALIDITY.toMinutes()), null));
    }

    /**
     * Checks the new password first (a bad one uses up nothing), then uses up the token, sets the
     * password, revokes trusted devices and signs in with the new password: first factor only.
     */
    private void reset(HttpServletRequest request, HttpServletResponse response, Texts texts,
            Map<String, Object> model) throws IOException {
        String token = request.getParameter("t");
        String password = request.getParameter("password");
        String problem = NewPassword.problem(password, request.getParameter("confirm"));
        if (problem != null && resets.peek(token).isPresent()) {
            model.put("token", token);
            model.put("error", texts.get(problem));
            site.views().send(response, HttpServletResponse.SC_BAD_REQUEST, "password-reset", model);
            return;
        }
        Optional<String> user = problem == null ? resets.redeem(token) : Optional.empty();
        if (user.isEmpty() || !users.setPassword(user.get(), password.toCharArray())) {
            model.put("invalid", texts.get("password_reset_invalid"));
            site.views().send(response, HttpServletResponse.SC_BAD_REQUEST, "password-reset", model);
            return;
        }
        twoStep.passwordChanged(user.get());
        Optional<AuthenticatedUser> signedIn = twoStep.passwordVerifier().orElseThrow()
                .verify(user.get(), password.toCharArray());
        if (signedIn.isEmpty()) {
            model.put("invalid", texts.get("password_reset_invalid"));
            site.views().send(response, HttpServletResponse.SC_BAD_REQUEST, "password-reset", model);
            return;
        }
        TwoStepFilter.signInFirstFactor(request, signedIn.get());
        twoStep.firstFactorSignedIn(signedIn.get().name(),
                new Caller(request.getRemoteAddr(), request.getHeader("User-Agent")), "password_reset");
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect("/protected");
    }

    private Map<String, Object> model(HttpServletRequest request, Texts texts, String titleKey) {
        Map<String, Object> model = site.page(request, texts, titleKey);
        model.put("formToken", FormToken.of(request));
        model.put("forgotPath", FORGOT);
        model.put("resetPath", RESET);
        model.put("minLength", NewPassword.MIN_LENGTH);
        model.put("maxLength", NewPassword.MAX_LENGTH);
        return model;
    }
}
