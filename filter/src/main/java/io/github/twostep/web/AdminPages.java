package io.github.twostep.web;

import io.github.twostep.TwoStep;
import io.github.twostep.core.Accounts;
import io.github.twostep.core.IssuedCode;
import io.github.twostep.store.InvalidUsernameException;
import io.github.twostep.store.UnknownUserException;
import io.github.twostep.store.UserRecord;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
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

    void handle(Exchange x) throws IOException {
        int refusal = AdminApi.refusal(x, twoStep.settings().admin());
        if (refusal != 0) {
            Http.plain(x.response(), refusal, refusal == HttpServletResponse.SC_UNAUTHORIZED
                    ? "Sign in first." : "Administrators only.");
            return;
        }
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
                try {
                    accounts.operatorCode(user, x.request().getParameter("code"), x.caller());
                } catch (IllegalArgumentException e) {
                    view.with("error", messages.get("admin_bad_code"));
                    return;
                }
            }
            case "revoke" -> {
                String id = x.request().getParameter("id");
                if (id != null && id.matches("[A-Za-z0-9_-]{1,32}")) {
                    accounts.revokeDevice(user, id, x.caller());
                }
            }
            default -> {
                return;
            }
        }
        view.with("notice", messages.get("admin_done"));
    }

    private void show(String user, View view, Messages messages) {
        Optional<UserRecord> found = accounts.lookup(user);
        Instant now = twoStep.clock().instant();
        boolean enrolled = found.map(UserRecord::enabled).orElse(false);
        view.with("account", true)
                .with("enrolled", messages.get(enrolled ? "admin_yes" : "admin_no"))
                .with("methods", enrolled ? found.get().methods().stream().sorted().map(m -> m.jsonName())
                        .collect(Collectors.joining(", ")) : "")
                .with("locked", found.filter(r -> r.isLocked(now)).map(r -> UserApi.iso(r.lockedUntil()))
                        .orElse(messages.get("admin_no")))
                .with("failures", found.map(UserRecord::failures).orElse(0))
                .with("lastVerified", found.map(UserRecord::lastVerified).map(Instant::toString).orElse(""))
                .with("devices", accounts.devices(user).stream().map(d -> UserApi.device(d, null)).toList())
                .with("audit", accounts.auditTrail(user, AUDIT_LINES).stream().map(e -> new Answers.AuditLine(
                        UserApi.iso(e.time()), e.user(), e.event().wireName(), e.outcome().wireName(), e.remoteAddr(),
                        e.userAgent())).toList());
    }
}
