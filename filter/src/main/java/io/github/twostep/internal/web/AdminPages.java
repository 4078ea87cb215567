package io.github.twostep.internal.web;

import io.github.twostep.AccountSummary;
import io.github.twostep.IssuedCode;
import io.github.twostep.TwoStep;
import io.github.twostep.internal.core.Accounts;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.store.SecurityKey;
import io.github.twostep.store.InvalidUsernameException;
import io.github.twostep.store.UnknownUserException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

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
        this.accounts = Engine.of(twoStep).accounts();
        this.templates = templates;
        this.prefix = twoStep.settings().paths().prefix();
    }

    /** The admin page, for a caller {@link io.github.twostep.internal.core.Guard} admitted. */
    void handle(Exchange x) throws IOException {
        Messages messages = Messages.forLocales(x.request().getLocales());
        View view = View.of("admin", x, messages, "admin_title", prefix);
        String user = x.request().getParameter("user");
        if (user == null || user.isBlank()) {
            view.render(x.response(), templates, HttpServletResponse.SC_OK);
            return;
        }
        user = user.strip();
        view.with("lookedUp", user).with("lookedUpParam", URLEncoder.encode(user, StandardCharsets.UTF_8));
        try {
            if (x.request().getMethod().equals("POST")) {
                act(x, user, view, messages);
            }
            show(user, view, messages, new PageDates(messages.locale()));
        } catch (UnknownUserException | InvalidUsernameException e) {
            view.with("error", messages.get("admin_unknown_user"));
        }
        view.render(x.response(), templates, HttpServletResponse.SC_OK);
    }

    private void act(Exchange x, String user, View view, Messages messages) {
        String action = String.valueOf(x.request().getParameter("action"));
        String done;
        switch (action) {
            case "reset" -> {
                if (!"true".equals(x.request().getParameter("confirmed"))) {
                    accounts.lookup(user); // an unknown name is said now, not after "Yes"
                    view.with("confirmReset", messages.format("admin_reset_confirm", user));
                    return;
                }
                accounts.reset(user, x.caller());
                done = messages.format("admin_done_reset", user);
            }
            case "unlock" -> {
                accounts.unlock(user, x.caller());
                done = messages.format("admin_done_unlock", user);
            }
            case "emergency-code" -> {
                IssuedCode code = accounts.emergencyCode(user, x.caller());
                view.with("shownCode", code.code())
                        .with("shownExpires", new PageDates(messages.locale()).of(code.expiresAt()));
                return;
            }
            case "operator-code" -> {
                if (accounts.operatorCode(user, x.request().getParameter("code"), x.caller()).isEmpty()) {
                    view.with("error", messages.get("admin_bad_code"));
                    return;
                }
                done = messages.format("admin_done_operator", user);
            }
            case "revoke" -> {
                accounts.revokeDevice(user, x.request().getParameter("id"), x.caller());
                done = messages.get("admin_done_revoke");
            }
            default -> {
                return;
            }
        }
        view.with("notice", done);
    }

    private void show(String user, View view, Messages messages, PageDates dates) {
        AccountSummary summary = accounts.summary(user);
        view.with("account", true)
                .with("enrolled", messages.get(summary.enrolled() ? "admin_yes" : "admin_no"))
                .with("methods", String.join(", ", summary.methods()))
                .with("lockedUntil", summary.locked() ? dates.of(summary.lockedUntil()) : null)
                .with("failures", summary.failedAttempts())
                .with("lastVerified", summary.lastVerified() == null ? null : dates.of(summary.lastVerified()))
                .with("devices", accounts.devices(user).stream().map(d -> Pages.deviceRow(d, null, dates)).toList())
                .with("keys", accounts.securityKeys(user).stream().map(k -> keyRow(k, dates)).toList())
                .with("audit", accounts.auditTrail(user, AUDIT_LINES).stream().map(e -> Map.of(
                        "time", dates.of(e.time()), "event", e.event().wireName(), "outcome", e.outcome().wireName(),
                        "remoteAddr", e.remoteAddr() == null ? "" : e.remoteAddr())).toList())
                .with("timeZoneNote", messages.format("time_zone_note", "UTC"));
    }

    /** A security key as the admin page lists it: name and dates, no key material. */
    private static Map<String, Object> keyRow(SecurityKey key, PageDates dates) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", key.id());
        row.put("name", key.name());
        row.put("created", dates.of(key.created()));
        row.put("lastUsed", key.lastUsed() == null ? null : dates.of(key.lastUsed()));
        return row;
    }
}
