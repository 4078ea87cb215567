package io.github.twostep.internal.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.twostep.AccountSummary;
import io.github.twostep.IssuedCode;
import io.github.twostep.TwoStep;
import io.github.twostep.audit.AuditEvent;
import io.github.twostep.internal.core.Accounts;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.store.InvalidUsernameException;
import io.github.twostep.store.UnknownUserException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The administrator's JSON API under {@code P/admin/api/}: for a fully signed-in user with an
 * admin role, from loopback unless {@code admin.localOnly} is false. Anonymous callers get
 * 401, everyone else 403, before anything is read.
 */
final class AdminApi {
    private static final int AUDIT_LIMIT = 200;

    private final TwoStep twoStep;
    private final Accounts accounts;

    AdminApi(TwoStep twoStep) {
        this.twoStep = twoStep;
        this.accounts = Engine.of(twoStep).accounts();
    }

    /**
     * Answers {@code call}, the path after {@code P/admin/api/}, for a caller {@link
     * io.github.twostep.internal.core.Guard} admitted.
     */
    void handle(Exchange x, String call) throws IOException {
        String method = x.request().getMethod();
        if (method.equals("GET") && call.equals("audit")) {
            audit(x, x.request().getParameter("user"));
            return;
        }
        String[] parts = call.split("/", -1);
        if (parts.length < 2 || !parts[0].equals("users") || parts[1].isEmpty()) {
            Json.error(x.response(), HttpServletResponse.SC_NOT_FOUND, "not_found");
            return;
        }
        String user = parts[1];
        String action = method + " " + (parts.length > 2 ? String.join("/", List.of(parts).subList(2, parts.length)) : "");
        try {
            act(x, user, action);
        } catch (UnknownUserException | InvalidUsernameException e) {
            Json.error(x.response(), HttpServletResponse.SC_NOT_FOUND, "unknown_user");
        }
    }

    private void act(Exchange x, String user, String action) throws IOException {
        switch (action) {
            case "GET " -> lookup(x, user);
            case "POST reset" -> {
                accounts.reset(user, x.caller());
                Json.write(x.response(), 200, new Answers.StateOnly("reset"));
            }
            case "POST unlock" -> {
                accounts.unlock(user, x.caller());
                Json.write(x.response(), 200, new Answers.StateOnly("unlocked"));
            }
            case "POST emergency-code" -> {
                IssuedCode code = accounts.emergencyCode(user, x.caller());
                Json.write(x.response(), 200, new Answers.IssuedCode(code.code(), UserApi.iso(code.expiresAt())));
            }
            case "POST backup-code" -> operatorCode(x, user);
            case "GET devices" -> Json.write(x.response(), 200,
                    accounts.devices(user).stream().map(d -> UserApi.device(d, null)).toList());
            default -> {
                if (action.startsWith("DELETE devices/")) {
                    String id = action.substring("DELETE devices/".length());
                    if (accounts.revokeDevice(user, id, x.caller())) {
                        x.response().setStatus(HttpServletResponse.SC_NO_CONTENT);
                        return;
                    }
                }
                Json.error(x.response(), HttpServletResponse.SC_NOT_FOUND, "not_found");
            }
        }
    }

    private void lookup(Exchange x, String user) throws IOException {
        AccountSummary summary = accounts.summary(user);
        Json.write(x.response(), 200, new Answers.AdminUser(user, summary.enrolled(),
                summary.methods(), summary.locked(),
                UserApi.iso(summary.lockedUntil()), summary.failedAttempts(), summary.devices(),
                UserApi.iso(summary.lastVerified()), summary.keys()));
    }

    private void operatorCode(Exchange x, String user) throws IOException {
        Optional<ObjectNode> body = Json.readObject(x.request());
        String code = body.map(b -> UserApi.text(b, "code")).orElse(null);
        Optional<Instant> expires = accounts.operatorCode(user, code, x.caller());
        if (expires.isPresent()) {
            Json.write(x.response(), 200, new Answers.Expiry(UserApi.iso(expires.get())));
        } else {
            Json.error(x.response(), HttpServletResponse.SC_BAD_REQUEST, "invalid_code");
        }
    }

    private void audit(Exchange x, String user) throws IOException {
        if (user == null || user.isEmpty()) {
            Json.error(x.response(), HttpServletResponse.SC_BAD_REQUEST, "user_required");
            return;
        }
        List<Answers.AuditLine> lines = accounts.auditTrail(user, AUDIT_LIMIT).stream().map(AdminApi::line).toList();
        Json.write(x.response(), 200, lines);
    }

    private static Answers.AuditLine line(AuditEvent event) {
        return new Answers.AuditLine(UserApi.iso(event.time()), event.user(), event.event().wireName(),
                event.outcome().wireName(), event.remoteAddr(), event.userAgent());
    }

    static boolean isLoopback(String address) {
        if (address == null || address.isEmpty()) {
            return false;
        }
        try {
            String literal = address.startsWith("[") && address.endsWith("]")
                    ? address.substring(1, address.length() - 1) : address;
            if (!literal.matches("[0-9a-fA-F:.]+")) {
                return false;
            }
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
