package io.github.twostep.internal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.twostep.AccountSummary;
import io.github.twostep.TwoStep;
import io.github.twostep.config.Authenticator;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.internal.core.Accounts;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.core.SendOutcome;
import io.github.twostep.internal.core.State;
import io.github.twostep.internal.core.VerifyOutcome;
import io.github.twostep.internal.qr.QrCode;
import io.github.twostep.internal.store.TrustedDevice;
import io.github.twostep.internal.store.UserRecord;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The user's JSON API under {@code P/api/}: status, set-up, verify, backup codes, disable,
 * devices, and (through {@link MethodsApi}) methods. Which calls a state may make is decided
 * here, before anything is read or changed.
 */
final class UserApi {
    static final int QR_SIZE = 240;

    private final TwoStep twoStep;
    private final Accounts accounts;
    private final Flows flows;
    private final MethodsApi methodsApi;

    UserApi(TwoStep twoStep, Flows flows) {
        this.twoStep = twoStep;
        this.accounts = Engine.of(twoStep).accounts();
        this.flows = flows;
        this.methodsApi = new MethodsApi(twoStep, flows);
    }

    /**
     * Answers {@code call} (the path after {@code P/api/}), which {@link io.github.twostep.internal.core.Guard}
     * let this state make.
     */
    void handle(Exchange x, String call) throws IOException {
        String method = x.request().getMethod();
        if (call.equals("status") && method.equals("GET")) {
            status(x);
            return;
        }
        switch (method + " " + call) {
            case "POST verify" -> verify(x);
            case "POST send" -> send(x);
            case "POST setup/start" -> setupStart(x);
            case "POST setup/confirm" -> setupConfirm(x);
            case "POST backup-codes" -> backupCodes(x);
            case "POST disable" -> disable(x);
            case "GET devices" -> devices(x);
            default -> {
                if (call.equals("methods") || call.startsWith("methods/")) {
                    methodsApi.handle(x, method, call.substring("methods".length()));
                } else if (method.equals("DELETE") && call.startsWith("devices/")) {
                    revokeDevice(x, call.substring("devices/".length()));
                } else {
                    Json.error(x.response(), HttpServletResponse.SC_NOT_FOUND, "not_found");
                }
            }
        }
    }

    private void status(Exchange x) throws IOException {
        String csrf = SignInSession.of(x.request().getSession(true)).csrfToken();
        List<Answers.MethodTo> methods = new ArrayList<>();
        boolean enrolled = false;
        if (x.session() != null && x.session().codeLoginPending()) {
            methods.add(new Answers.MethodTo(VerifyMethod.EMAIL.jsonName(), null));
            enrolled = true;
        } else if (x.state() == State.CHALLENGE && x.session().evaluation() != null
                && !x.session().evaluation().enabled()) {
            methods.add(new Answers.MethodTo(VerifyMethod.EMAIL.jsonName(), flows.contactOf(x.user(), VerifyMethod.EMAIL)));
        } else if (x.signedIn() && x.state() != State.ANONYMOUS) {
            Optional<UserRecord> record = flows.record(x.user());
            enrolled = record.map(UserRecord::enabled).orElse(false);
            record.filter(UserRecord::enabled).ifPresent(r -> r.methods().stream().sorted()
                    .forEach(m -> methods.add(new Answers.MethodTo(m.jsonName(), flows.contactOf(x.user(), m)))));
            record.filter(r -> r.enabled() && !r.securityKeys().isEmpty())
                    .ifPresent(r -> methods.add(new Answers.MethodTo(AccountSummary.WEBAUTHN, null)));
        }
        int grace = x.session() == null || x.session().evaluation() == null ? 0 : x.session().evaluation().graceDays();
        Json.write(x.response(), 200, new Answers.Status(x.user(), x.state().wireName(), enrolled, methods,
                twoStep.settings().trustThisDevice(), csrf, grace > 0 ? grace : null));
    }

    private void verify(Exchange x) throws IOException {
        Optional<ObjectNode> body = Json.readObject(x.request());
        String code = body.map(b -> text(b, "code")).orElse(null);
        boolean trust = body.map(b -> b.path("trustDevice").asBoolean(false)).orElse(false);
        VerifyOutcome outcome = flows.verify(x, code, trust);
        switch (outcome.result()) {
            case VERIFIED -> Json.write(x.response(), 200, new Answers.Verified("verified", flows.redirectAfterVerify(x),
                    x.session().csrfToken(), flows.clockDriftSeconds(outcome)));
            case INVALID -> Json.error(x.response(), HttpServletResponse.SC_UNAUTHORIZED, "invalid_code");
            case LOCKED -> locked(x, outcome);
            case THROTTLED -> Refusals.tooMany(x.response(), outcome.retryAfter());
        }
    }

    private void send(Exchange x) throws IOException {
        Optional<VerifyMethod> method = Json.readObject(x.request()).map(b -> text(b, "method"))
                .flatMap(VerifyMethod::fromJson).filter(m -> m != VerifyMethod.APP);
        if (method.isEmpty()) {
            Json.error(x.response(), HttpServletResponse.SC_BAD_REQUEST, "invalid_method");
            return;
        }
        SendOutcome outcome = flows.send(x, method.get());
        switch (outcome.result()) {
            case SENT -> Json.write(x.response(), HttpServletResponse.SC_ACCEPTED, new Answers.Sent(
                    x.session().codeLoginPending() ? null : outcome.sentTo(), outcome.retryAfter().toSeconds(),
                    (outcome.method() == null || x.session().codeLoginPending() ? method.get() : outcome.method())
                            .jsonName())); // a code sign-in names the method asked for: a ghost has no fallback
            case TOO_MANY, BUSY -> Refusals.tooMany(x.response(), outcome.retryAfter());
            case NOT_ALLOWED -> Json.error(x.response(), HttpServletResponse.SC_BAD_REQUEST, "invalid_method");
            case NO_CONTACT -> Json.write(x.response(), HttpServletResponse.SC_CONFLICT,
                    new Answers.NotDelivered("no_contact", outcome.alternatives()));
            case FAILED -> Json.write(x.response(), HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    new Answers.NotDelivered("delivery_failed", outcome.alternatives()));
        }
    }

    static void locked(Exchange x, VerifyOutcome outcome) throws IOException {
        if (outcome.forGood()) {
            Json.write(x.response(), 423, new Answers.Locked("locked", null));
            return;
        }
        long seconds = Math.max(1, (outcome.retryAfter().toMillis() + 999) / 1000);
        x.response().setHeader("Retry-After", Long.toString(seconds));
        Json.write(x.response(), 423, new Answers.Locked("locked", seconds));
    }

    private void setupStart(Exchange x) throws IOException {
        Optional<ObjectNode> body = Json.readObject(x.request());
        if (!reverified(x)) {
            return;
        }
        if (!body.map(b -> b.path("consent").asBoolean(false)).orElse(false)) {
            Json.error(x.response(), HttpServletResponse.SC_BAD_REQUEST, "consent_required");
            return;
        }
        PasswordCheck password = flows.confirmPassword(x, body.map(b -> text(b, "password")).orElse(null));
        if (password.throttled()) {
            Refusals.tooMany(x.response(), password.retryAfter());
            return;
        }
        if (!password.right()) {
            Json.error(x.response(), HttpServletResponse.SC_UNAUTHORIZED, "invalid_credentials");
            return;
        }
        var secret = accounts.startSetup(x.user(), x.caller());
        List<Answers.AuthenticatorApp> apps = new ArrayList<>();
        for (Authenticator app : twoStep.settings().setup().authenticators()) {
            apps.add(new Answers.AuthenticatorApp(app.name(), app.url(), QrCode.of(app.url()).pngDataUri(QR_SIZE)));
        }
        Json.write(x.response(), 200, new Answers.SetupStarted(secret.secret(), secret.otpauthUri(),
                QrCode.of(secret.otpauthUri()).pngDataUri(QR_SIZE), apps));
    }

    private void setupConfirm(Exchange x) throws IOException {
        Optional<ObjectNode> body = Json.readObject(x.request());
        if (!reverified(x)) {
            return;
        }
        Optional<Set<VerifyMethod>> methods = body.flatMap(b -> methods(b.path("methods")));
        if (methods.isEmpty() || methods.get().isEmpty()
                || !methods.get().stream().allMatch(twoStep.settings().verify()::allows)) {
            Json.error(x.response(), HttpServletResponse.SC_BAD_REQUEST, "invalid_methods");
            return;
        }
        var confirmation = flows.confirm(x, body.map(b -> text(b, "code")).orElse(null), methods.get());
        switch (confirmation.outcome().result()) {
            case VERIFIED -> Json.write(x.response(), 200, new Answers.Enabled(true, confirmation.backupCodes()));
            case INVALID -> Json.error(x.response(), HttpServletResponse.SC_UNAUTHORIZED, "invalid_code");
            case LOCKED -> locked(x, confirmation.outcome());
            case THROTTLED -> Refusals.tooMany(x.response(), confirmation.outcome().retryAfter());
        }
    }

    private void backupCodes(Exchange x) throws IOException {
        if (!enrolledAndReverified(x, flows, twoStep.clock().instant())) {
            return;
        }
        Json.write(x.response(), 200, new Answers.BackupCodes(accounts.regenerateBackupCodes(x.user(), x.caller())));
    }

    private void disable(Exchange x) throws IOException {
        Optional<ObjectNode> body = Json.readObject(x.request());
        if (!enrolledAndReverified(x, flows, twoStep.clock().instant())) {
            return;
        }
        PasswordCheck password = flows.confirmPassword(x, body.map(b -> text(b, "password")).orElse(null));
        if (password.throttled()) {
            Refusals.tooMany(x.response(), password.retryAfter());
            return;
        }
        if (!password.right()) {
            Json.error(x.response(), HttpServletResponse.SC_UNAUTHORIZED, "invalid_credentials");
            return;
        }
        flows.disable(x);
        Json.write(x.response(), 200, new Answers.Disabled(false));
    }

    private void devices(Exchange x) throws IOException {
        String current = x.session().currentDevice();
        Json.write(x.response(), 200, accounts.devices(x.user()).stream().map(d -> device(d, current)).toList());
    }

    private void revokeDevice(Exchange x, String id) throws IOException {
        if (!accounts.revokeDevice(x.user(), id, x.caller())) {
            Json.error(x.response(), HttpServletResponse.SC_NOT_FOUND, "not_found");
            return;
        }
        NoStore.apply(x.response());
        x.response().setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    static Answers.Device device(TrustedDevice device, String currentId) {
        return new Answers.Device(device.id(), device.label(), iso(device.created()), iso(device.lastUsed()),
                iso(device.expires()), device.id().equals(currentId));
    }

    private boolean reverified(Exchange x) throws IOException {
        return reverified(x, flows, twoStep.clock().instant());
    }

    /** Whether the user has a second factor on; if not, answers 409 {@code not_enrolled}. */
    static boolean requireEnrolled(Exchange x, Flows flows) throws IOException {
        if (flows.record(x.user()).map(UserRecord::enabled).orElse(false)) {
            return true;
        }
        Json.error(x.response(), HttpServletResponse.SC_CONFLICT, "not_enrolled");
        return false;
    }

    /**
     * For a user who has a second factor: a code entered in this session within five minutes
     * of {@code now}; if not, answers 401 {@code reverification_required}.
     */
    static boolean reverified(Exchange x, Flows flows, Instant now) throws IOException {
        boolean enrolled = flows.record(x.user()).map(UserRecord::enabled).orElse(false);
        if (!enrolled || x.session().recentlyVerified(now)) {
            return true;
        }
        Json.error(x.response(), HttpServletResponse.SC_UNAUTHORIZED, "reverification_required");
        return false;
    }

    /**
     * {@link #requireEnrolled} then {@link #reverified}, on one read of the record: 409
     * {@code not_enrolled}, or 401 {@code reverification_required}, or true.
     */
    static boolean enrolledAndReverified(Exchange x, Flows flows, Instant now) throws IOException {
        if (!flows.record(x.user()).map(UserRecord::enabled).orElse(false)) {
            Json.error(x.response(), HttpServletResponse.SC_CONFLICT, "not_enrolled");
            return false;
        }
        if (x.session().recentlyVerified(now)) {
            return true;
        }
        Json.error(x.response(), HttpServletResponse.SC_UNAUTHORIZED, "reverification_required");
        return false;
    }

    private static Optional<Set<VerifyMethod>> methods(JsonNode node) {
        if (!node.isArray()) {
            return Optional.empty();
        }
        Set<VerifyMethod> methods = EnumSet.noneOf(VerifyMethod.class);
        for (JsonNode element : node) {
            Optional<VerifyMethod> method = element.isTextual() ? VerifyMethod.fromJson(element.asText())
                    : Optional.empty();
            if (method.isEmpty()) {
                return Optional.empty();
            }
            methods.add(method.get());
        }
        return Optional.of(methods);
    }

    static String text(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** ISO-8601 UTC in whole seconds (as the docs show), e.g. {@code 2026-05-01T09:00:00Z}; null stays null. */
    static String iso(Instant instant) {
        return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
