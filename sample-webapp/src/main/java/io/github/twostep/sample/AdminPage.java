package io.github.twostep.sample;

import io.github.twostep.AccountSummary;
import io.github.twostep.Administration;
import io.github.twostep.Caller;
import io.github.twostep.IssuedCode;
import io.github.twostep.TwoStep;
import io.github.twostep.config.JdbcStoreSettings;
import io.github.twostep.store.InvalidUsernameException;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin}: an operator looks up a user's second factor, resets it, lifts a lock or hands
 * out a short-lived emergency code, calling {@link Administration} directly, as an application's own
 * admin screens would. Open to the roles of {@code admin.roles} and, with {@code admin.localOnly},
 * to this machine only, like TwoStep's admin API. Every action is a POST with the page's token.
 */
public final class AdminPage extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private transient Site site;
    private transient TwoStep twoStep;
    private transient DemoUsers users;

    /**
     * For {@code web.xml}: at {@link #init()} the page takes the TwoStep the filter published
     * and the users table from the JNDI name in {@code store.jdbc.dataSource}.
     */
    public AdminPage() {
    }

    AdminPage(Site site, TwoStep twoStep, DemoUsers users) {
        this.site = site;
        this.twoStep = twoStep;
        this.users = users;
    }

    @Override
    public void init() throws ServletException {
        if (twoStep != null) {
            return;
        }
        twoStep = Site.published(getServletContext());
        JdbcStoreSettings jdbc = twoStep.settings().store().jdbc();
        if (jdbc.dataSource() == null) {
            throw new UnavailableException("the admin page needs the users table in JNDI: set store.jdbc.dataSource");
        }
        site = new Site(twoStep.settings(), false);
        users = new DemoUsers(Jndi.dataSource(jdbc.dataSource()));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Texts texts = Texts.forLocales(request.getLocales());
        if (admitted(request, response, texts)) {
            site.views().send(response, 200, "admin", model(request, texts, ""));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Texts texts = Texts.forLocales(request.getLocales());
        if (!admitted(request, response, texts)) {
            return;
        }
        if (!FormToken.presentIn(request)) {
            refuse(request, response, texts, "admin_csrf");
            return;
        }
        String user = request.getParameter("user") == null ? "" : request.getParameter("user").strip();
        Map<String, Object> model = model(request, texts, user);
        try {
            if (user.isEmpty() || !users.exists(user)) {
                model.put("error", texts.format("admin_unknown_user", user));
            } else {
                act(request, texts, user, model);
            }
        } catch (InvalidUsernameException e) {
            model.put("error", texts.format("admin_unknown_user", user));
        }
        site.views().send(response, 200, "admin", model);
    }

    private void act(HttpServletRequest request, Texts texts, String user, Map<String, Object> model) {
        Administration accounts = twoStep.administration();
        Caller caller = new Caller(request.getRemoteAddr(), request.getHeader("User-Agent"));
        String action = String.valueOf(request.getParameter("action"));
        switch (action) {
            case "reset" -> {
                accounts.reset(user, caller);
                model.put("done", texts.format("admin_reset_done", user));
            }
            case "unlock" -> {
                accounts.unlock(user, caller);
                model.put("done", texts.format("admin_unlock_done", user));
            }
            case "emergency-code" -> {
                IssuedCode code = accounts.emergencyCode(user, caller);
                model.put("done", texts.format("admin_emergency_done", user, seconds(code.expiresAt())));
                model.put("code", code.code());
            }
            default -> { }
        }
        model.put("facts", facts(texts, accounts.summary(user)));
        model.put("hasFacts", true);
    }

    /** The user's 2FA standing as rows of label and value. */
    private List<Map<String, String>> facts(Texts texts, AccountSummary summary) {
        return List.of(
                row(texts, "admin_enrolled", texts.get(summary.enrolled() ? "yes" : "no")),
                row(texts, "admin_methods", summary.enrolled() ? String.join(", ",
                        summary.methods()) : "–"),
                row(texts, "admin_locked", summary.locked()
                        ? texts.format("admin_locked_until", seconds(summary.lockedUntil())) : texts.get("no")),
                row(texts, "admin_failures", String.valueOf(summary.failedAttempts())),
                row(texts, "admin_devices", String.valueOf(summary.devices())),
                row(texts, "admin_last_verified", summary.lastVerified() == null ? "–"
                        : seconds(summary.lastVerified())));
    }

    /** ISO-8601 UTC to the second. */
    private static String seconds(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Map<String, String> row(Texts texts, String labelKey, String value) {
        return Map.of("label", texts.get(labelKey), "value", value);
    }

    private Map<String, Object> model(HttpServletRequest request, Texts texts, String user) {
        Map<String, Object> model = site.page(request, texts, "admin_title");
        model.put("csrf", FormToken.of(request));
        model.put("subject", user);
        return model;
    }

    private boolean admitted(HttpServletRequest request, HttpServletResponse response, Texts texts)
            throws IOException {
        if (!site.isAdmin(request)) {
            refuse(request, response, texts, "admin_not_admin");
            return false;
        }
        if (site.settings().admin().localOnly() && !Loopback.is(request.getRemoteAddr())) {
            refuse(request, response, texts, "admin_local_only");
            return false;
        }
        return true;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Texts texts, String reasonKey)
            throws IOException {
        Map<String, Object> model = site.page(request, texts, "admin_title");
        model.put("refused", texts.get(reasonKey));
        site.views().send(response, HttpServletResponse.SC_FORBIDDEN, "admin", model);
    }
}
