package io.github.twostep.web;

import io.github.twostep.TwoStep;
import io.github.twostep.core.AccountSummary;
import io.github.twostep.core.Accounts;
import io.github.twostep.core.IssuedCode;
import io.github.twostep.store.InvalidUsernameException;
import io.github.twostep.store.UnknownUserException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * The administrator's HTML page at {@code P/admin}: look a user up, see their methods, lock,
 * devices and audit trail, and reset, unlock, create an emergency code, enter an operator's
 * code or revoke a device. Same rules as the admin API: admin role, fully signed in, loopback
 * unless {@code admin.localOnly} is off.
 */
final class AdminPages {
    private static final int AUDIT_LINES = 50;

    private final TwoStep twoStep;
    private final Accounts accounts;
    private final Templates templates;
    private final String prefix;

    AdminPages(TwoStep twoStep, Templates templates) {
        this.twoStep = twoStep;
        this.accounts = twoStep.accounts();
        this.templates = templates;
        this.prefix = twoStep.settings().paths().prefix();
    }

    /** The admin page, for a caller {@link io.github.twostep.core.Guard} admitted. */
    void handle(Exchange x) throws IOException {
        Messages messages = Messages.forLocales(x.request().getLocales());
        View view = View.of("admin", x, messages, "admin_title", prefix);
        String user = x.request().getParameter("user");
        if (user == null || user.isBlank()) {
            view.render(x.response(), templates, HttpServletResponse.SC_OK);
            return;
        }
        user = user.strip();
        view.with("lookedUp", user);
        try {
            if (x.request().getMethod().equals("POST")) {
                act(x, user, view, messages);
            }
            show(user, view, messages);
        } catch (UnknownUserException | InvalidUsernameException e) {
            view.with("error", messages.get("admin_unknown_user"));
        }
        view.render(x.response(), templates, HttpServletResponse.SC_OK);
    }

    private void act(Exchange x, String user, View view, Messages messages) {
        String action = String.valueOf(x.request().getParameter("action"));
        switch (action) {
            case "reset" -> accounts.reset(user, x.caller());
            case "unlock" -> accounts.unlock(user, x.caller());
            case "emergency-code" -> {
                IssuedCode code = accounts.emergencyCode(user, x.caller());
                view.with("shownCode", code.code()).with("shownExpires", UserApi.iso(code.expiresAt()));
                return;
            }
            case "operator-code" -> {
                if (accounts.operatorCode(user, x.request().getParameter("code"), x.caller()).isEmpty()) {
                    view.with("error", messages.get("admin_bad_code"));
                    return;
                }
            }
            case "revoke" -> {
                accounts.revokeDevice(user, x.request().getParameter("id"), x.caller());
            }
            default -> {
                return;
            }
        }
        view.with("notice", messages.get("admin_done"));
    }

    private void show(String user, View view, Messages messages) {
        AccountSummary summary = accounts.summary(user);
        view.with("account", true)
                .with("enrolled", messages.get(summary.enrolled() ? "admin_yes" : "admin_no"))
                .with("methods", summary.methods().stream().map(m -> m.jsonName()).collect(Collectors.joining(", ")))
                .with("locked", summary.locked() ? UserApi.iso(summary.lockedUntil()) : messages.get("admin_no"))
                .with("failures", summary.failedAttempts())
                .with("lastVerified", summary.lastVerified() == null ? "" : summary.lastVerified().toString())
                .with("devices", accounts.devices(user).stream().map(d -> UserApi.device(d, null)).toList())
                .with("audit", accounts.auditTrail(user, AUDIT_LINES).stream().map(e -> new Answers.AuditLine(
                        UserApi.iso(e.time()), e.user(), e.event().wireName(), e.outcome().wireName(), e.remoteAddr(),
                        e.userAgent())).toList());
    }
}
