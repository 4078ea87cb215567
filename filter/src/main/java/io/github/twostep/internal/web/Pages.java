package io.github.twostep.internal.web;

import io.github.twostep.TwoStep;
import io.github.twostep.config.Authenticator;
import io.github.twostep.config.LoginMode;
import io.github.twostep.config.Settings;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.internal.core.Accounts;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.core.SendOutcome;
import io.github.twostep.internal.core.SetupConfirmation;
import io.github.twostep.internal.core.SetupSecret;
import io.github.twostep.internal.core.State;
import io.github.twostep.internal.core.VerifyOutcome;
import io.github.twostep.internal.otp.CodeFormat;
import io.github.twostep.internal.qr.QrCode;
import io.github.twostep.internal.store.TrustedDevice;
import io.github.twostep.internal.store.UserRecord;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * TwoStep's HTML pages: verify, set-up (consent, scan and confirm, backup codes, turn off) and
 * trusted devices. They drive the same {@link Flows} as the JSON API.
 */
final class Pages {
    private final TwoStep twoStep;
    private final Settings settings;
    private final Accounts accounts;
    private final Flows flows;
    private final Templates templates;
    private final KeyPages keys;
    private final String prefix;
    private final MethodPages methodPages;

    Pages(TwoStep twoStep, Flows flows) {
        this.twoStep = twoStep;
        this.settings = twoStep.settings();
        this.accounts = Engine.of(twoStep).accounts();
        this.flows = flows;
        this.prefix = settings.paths().prefix();
        this.templates = new Templates(settings.pages());
        this.keys = new KeyPages(twoStep, flows, templates);
        this.methodPages = new MethodPages(twoStep, flows);
    }

    Templates templates() {
        return templates;
    }

    void verify(Exchange x) throws IOException {
        Messages messages = Messages.forLocales(x.request().getLocales());
        String send = x.request().getMethod().equals("POST") ? x.request().getParameter("send") : null;
        if (send != null) {
            sendCode(x, messages, send);
            return;
        }
        if (x.request().getMethod().equals("POST")) {
            VerifyOutcome outcome = flows.verify(x, x.request().getParameter("code"),
                    "true".equals(x.request().getParameter("trustDevice")));
            if (outcome.isVerified()) {
                Integer drift = flows.clockDriftSeconds(outcome);
                if (drift != null) {
                    View.of("clock", x, messages, "clock_title", prefix)
                            .with("advice", messages.format(drift > 0 ? "clock_ahead" : "clock_behind", Math.abs(drift)))
                            .with("next", flows.redirectAfterVerify(x))
                            .render(x.response(), templates, 200);
                    return;
                }
                NoStore.apply(x.response());
                x.response().sendRedirect(flows.redirectAfterVerify(x));
                return;
            }
            if (outcome.result() == VerifyOutcome.Result.THROTTLED) {
                x.response().setHeader("Retry-After", Long.toString(Refusals.seconds(outcome.retryAfter())));
                verifyView(x, messages).with("error", waitText(messages, outcome.retryAfter()))
                        .render(x.response(), templates, 429);
                return;
            }
            String error = outcome.result() == VerifyOutcome.Result.LOCKED ? lockedMessage(messages, outcome)
                    : messages.get("verify_failed");
            verifyView(x, messages).with("error", error).render(x.response(), templates, 200);
            return;
        }
        verifyView(x, messages).render(x.response(), templates, 200);
    }

    /** "Get a code" on the verify page: sends it and says where it went, or why not. */
    private void sendCode(Exchange x, Messages messages, String methodName) throws IOException {
        View view = verifyView(x, messages);
        Optional<VerifyMethod> method = VerifyMethod.fromJson(methodName).filter(m -> m != VerifyMethod.APP);
        if (method.isEmpty()) {
            view.with("error", messages.get("send_failed")).render(x.response(), templates, 200);
            return;
        }
        SendOutcome outcome = flows.send(x, method.get());
        switch (outcome.result()) {
            case SENT -> view.with("notice", outcome.sentTo() == null || x.session().codeLoginPending()
                    ? messages.format("sent_notice_hidden", settings.messageCode().minutes())
                    : messages.format("sent_notice", outcome.sentTo(), settings.messageCode().minutes()));
            case TOO_MANY -> view.with("error", waitText(messages, outcome.retryAfter()));
            default -> view.with("error", messages.get("send_failed"));
        }
        view.render(x.response(), templates, 200);
    }

    /** "Please wait …": seconds under a minute, whole minutes (rounded up) from there on. */
    static String waitText(Messages messages, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return seconds < 60 ? messages.format("send_wait", seconds)
                : messages.format("send_wait_minutes", (seconds + 59) / 60);
    }

    /** "Too many wrong passwords … please wait …": seconds under a minute, whole minutes (rounded up) after. */
    static String throttledText(Messages messages, Duration wait) {
        long seconds = Refusals.seconds(wait);
        return seconds < 60 ? messages.format("login_throttled", seconds)
                : messages.format("login_throttled_minutes", (seconds + 59) / 60);
    }

    /** The ways this user can be sent a code now, each with its masked address (hidden during a code sign-in). */
    private List<Map<String, Object>> sendOptions(Exchange x, Messages messages) {
        List<VerifyMethod> methods = new ArrayList<>();
        boolean codeLogin = x.session() != null && x.session().codeLoginPending();
        boolean deviceCheck = x.session() != null && x.session().evaluation() != null
                && x.state() == State.CHALLENGE && !x.session().evaluation().enabled();
        if (codeLogin || deviceCheck) {
            methods.add(VerifyMethod.EMAIL);
        } else {
            flows.record(x.user()).filter(UserRecord::enabled).ifPresent(r -> r.methods().stream()
                    .filter(m -> m != VerifyMethod.APP).sorted().forEach(methods::add));
        }
        List<Map<String, Object>> options = new ArrayList<>();
        for (VerifyMethod method : methods) {
            String to = codeLogin ? null : flows.contactOf(x.user(), method);
            String label = messages.get("method_" + method.jsonName());
            options.add(Map.of("value", method.jsonName(), "label", to == null
                    ? messages.format("send_button", label) : messages.format("send_button_to", label, to)));
        }
        return options;
    }

    private View verifyView(Exchange x, Messages messages) {
        boolean codeLogin = x.session() != null && x.session().codeLoginPending();
        boolean deviceCheck = x.session() != null && x.session().evaluation() != null
                && x.state() == State.CHALLENGE && !x.session().evaluation().enabled();
        boolean hasApp = !codeLogin && !deviceCheck && flows.record(x.user()).filter(UserRecord::enabled)
                .map(r -> r.methods().contains(VerifyMethod.APP)).orElse(false);
        View view = View.of("verify", x, messages, "verify_title", prefix)
                .with("sendOptions", sendOptions(x, messages))
                .with("intro", messages.get(deviceCheck ? "verify_intro_device"
                        : hasApp ? "verify_intro" : "verify_intro_no_app"))
                .with("codeHint", deviceCheck ? messages.get("code_hint_device")
                        : hasApp ? messages.format("code_hint", settings.code().length())
                        : messages.get("code_hint_no_app"))
                .with("signOut", settings.login().mode() == LoginMode.BUILTIN);
        if (settings.trustThisDevice() > 0) {
            view.with("trustLabel", messages.format("trust_device", settings.trustThisDevice()));
        }
        dial(view);
        keys.verify(x, view, messages, codeLogin || deviceCheck);
        if (x.state() != State.CHALLENGE) {
            view.with("notice", messages.get("reverify_needed"));
        }
        return view;
    }

    /** The operator's number, shown as is and as a {@code tel:} link. */
    private void dial(View view) {
        String dial = settings.verify().dial();
        if (dial != null) {
            view.with("dial", dial).with("dialTel", "tel:" + dial.replaceAll("[^+0-9]", ""));
        }
    }

    /** "Locked": for how many minutes, or until an administrator unlocks it. */
    private static String lockedMessage(Messages messages, VerifyOutcome outcome) {
        return outcome.forGood() ? messages.get("verify_locked_for_good")
                : messages.format("verify_locked", Math.max(1, (outcome.retryAfter().toSeconds() + 59) / 60));
    }

    void setup(Exchange x) throws IOException {
        Messages messages = Messages.forLocales(x.request().getLocales());
        boolean enrolled = flows.record(x.user()).map(UserRecord::enabled).orElse(false);
        if (enrolled && !x.session().recentlyVerified(twoStep.clock().instant())) {
            x.session().returnTo(prefix + "/setup");
            Http.redirect(x.request(), x.response(), prefix + "/verify");
            return;
        }
        String step = x.request().getMethod().equals("POST") ? x.request().getParameter("step") : null;
        if (step == null) {
            startView(x, messages, enrolled).render(x.response(), templates, 200);
            return;
        }
        switch (step) {
            case "start" -> start(x, messages, enrolled);
            case "confirm" -> confirm(x, messages, enrolled);
            case "send" -> sendSetupCode(x, messages, enrolled);
            case "regenerate" -> regenerate(x, messages, enrolled);
            case "disable" -> disable(x, messages, enrolled);
            default -> startView(x, messages, enrolled).render(x.response(), templates, 200);
        }
    }

    /** New backup codes, only for a user whose second factor is on (as the API's 409 {@code not_enrolled}). */
    private void regenerate(Exchange x, Messages messages, boolean enrolled) throws IOException {
        if (!enrolled) {
            startView(x, messages, false).with("error", messages.get("backup_codes_not_enrolled"))
                    .render(x.response(), templates, HttpServletResponse.SC_CONFLICT);
            return;
        }
        doneView(x, messages, accounts.regenerateBackupCodes(x.user(), x.caller()), "/")
                .render(x.response(), templates, 200);
    }

    private void start(Exchange x, Messages messages, boolean enrolled) throws IOException {
        if (!"true".equals(x.request().getParameter("consent"))) {
            startView(x, messages, enrolled).with("error", messages.get("consent_required"))
                    .with("consentInvalid", true).render(x.response(), templates, 200);
            return;
        }
        PasswordCheck password = flows.confirmPassword(x, x.request().getParameter("password"));
        if (!password.right()) {
            startView(x, messages, enrolled).with("error", password.throttled()
                            ? throttledText(messages, password.retryAfter()) : messages.get("password_failed"))
                    .with("passwordInvalid", true)
                    .render(x.response(), templates, password.throttled() ? 429 : 200);
            return;
        }
        SetupSecret secret = accounts.startSetup(x.user(), x.caller());
        x.session().pendingSetup(secret);
        scanView(x, messages, secret, Set.of(), enrolled).render(x.response(), templates, 200);
    }

    /** "Send a code" on the set-up page: a code for the pending set-up by email, SMS or call. */
    private void sendSetupCode(Exchange x, Messages messages, boolean enrolled) throws IOException {
        SetupSecret pending = x.session().pendingSetup();
        if (pending == null) {
            Http.redirect(x.request(), x.response(), prefix + "/setup");
            return;
        }
        Optional<VerifyMethod> method = VerifyMethod.fromJson(String.valueOf(x.request().getParameter("method")))
                .filter(m -> messageMethods(x, enrolled).contains(m));
        if (method.isEmpty()) {
            scanView(x, messages, pending, Set.of(), enrolled).with("sendError", messages.get("setup_send_failed"))
                    .render(x.response(), templates, 200);
            return;
        }
        SendOutcome outcome = flows.send(x, method.get());
        View view = scanView(x, messages, pending, outcome.result() != SendOutcome.Result.SENT ? Set.of()
                : Set.of(outcome.method() == null ? method.get() : outcome.method()), enrolled);
        switch (outcome.result()) {
            case SENT -> view.with("sentNotice", messages.format("setup_sent", outcome.sentTo(),
                    settings.messageCode().minutes()));
            case TOO_MANY -> view.with("sendError", waitText(messages, outcome.retryAfter()));
            default -> view.with("sendError", messages.get("setup_send_failed"));
        }
        view.render(x.response(), templates, 200);
    }

    /**
     * The message methods this user can finish set-up with here: allowed, with an address, and,
     * for a user who already has a second factor (whose set-up replaces it), one they have.
     */
    private List<VerifyMethod> messageMethods(Exchange x, boolean enrolled) {
        Set<VerifyMethod> current = enrolled ? flows.record(x.user()).map(UserRecord::methods).orElse(Set.of())
                : Set.of(VerifyMethod.values());
        List<VerifyMethod> methods = new ArrayList<>();
        for (VerifyMethod method : VerifyMethod.values()) {
            if (method != VerifyMethod.APP && settings.verify().allows(method) && current.contains(method)
                    && flows.contactOf(x.user(), method) != null) {
                methods.add(method);
            }
        }
        return methods;
    }

    private void confirm(Exchange x, Messages messages, boolean enrolled) throws IOException {
        SetupSecret pending = x.session().pendingSetup();
        if (pending == null) {
            Http.redirect(x.request(), x.response(), prefix + "/setup");
            return;
        }
        Set<VerifyMethod> methods = EnumSet.noneOf(VerifyMethod.class);
        String[] chosen = x.request().getParameterValues("methods");
        for (String name : chosen == null ? new String[0] : chosen) {
            VerifyMethod.fromJson(name).filter(settings.verify()::allows).ifPresent(methods::add);
        }
        if (methods.isEmpty()) {
            scanView(x, messages, pending, methods, enrolled).with("methodsError", messages.get("methods_invalid"))
                    .render(x.response(), templates, 200);
            return;
        }
        SetupConfirmation confirmation = flows.confirm(x, x.request().getParameter("code"), methods);
        if (!confirmation.outcome().isVerified()) {
            String error = confirmation.outcome().result() == VerifyOutcome.Result.LOCKED
                    ? lockedMessage(messages, confirmation.outcome())
                    : messages.get("verify_failed");
            scanView(x, messages, pending, methods, enrolled).with("error", error)
                    .render(x.response(), templates, 200);
            return;
        }
        x.session().pendingSetup(null);
        String next = ReturnTo.sameOrigin(x.session().takeReturnTo()).orElse("/");
        doneView(x, messages, confirmation.backupCodes(), next).render(x.response(), templates, 200);
    }

    private void disable(Exchange x, Messages messages, boolean enrolled) throws IOException {
        PasswordCheck password = enrolled ? flows.confirmPassword(x, x.request().getParameter("password"))
                : new PasswordCheck(Optional.empty(), Duration.ZERO);
        if (!password.right()) {
            startView(x, messages, enrolled).with("disableError", password.throttled()
                            ? throttledText(messages, password.retryAfter()) : messages.get("password_failed"))
                    .render(x.response(), templates, password.throttled() ? 429 : 200);
            return;
        }
        flows.disable(x);
        Http.redirect(x.request(), x.response(), "/");
    }

    private View startView(Exchange x, Messages messages, boolean enrolled) {
        int grace = x.session().evaluation() == null || enrolled ? 0 : x.session().evaluation().graceDays();
        View view = View.of("setup-start", x, messages, "setup_title", prefix)
                .with("intro", messages.get(twoStep.passwordVerifier().isPresent() ? "setup_intro" : "setup_intro_external"))
                .with("graceNotice", grace > 0 ? messages.format("grace_days_left", grace) : null)
                .with("skipUrl", x.request().getContextPath() + "/")
                .with("askPassword", twoStep.passwordVerifier().isPresent())
                .with("enrolled", enrolled)
                .with("signOut", x.state() == State.ENROLL && settings.login().mode() == LoginMode.BUILTIN);
        dial(view);
        keys.setup(view, enrolled);
        return view;
    }

    private View scanView(Exchange x, Messages messages, SetupSecret secret, Set<VerifyMethod> chosen,
            boolean enrolled) {
        List<Map<String, Object>> apps = new ArrayList<>();
        for (Authenticator app : settings.setup().authenticators()) {
            apps.add(Map.of("name", app.name(), "url", app.url(), "qrPng", QrCode.of(app.url()).pngDataUri(120),
                    "alt", messages.format("app_qr_alt", app.name())));
        }
        List<VerifyMethod> offered = new ArrayList<>();
        if (settings.verify().allows(VerifyMethod.APP)) {
            offered.add(VerifyMethod.APP);
        }
        List<VerifyMethod> messageMethods = messageMethods(x, enrolled);
        offered.addAll(messageMethods);
        List<Map<String, Object>> methods = new ArrayList<>();
        List<Map<String, Object>> send = new ArrayList<>();
        for (VerifyMethod method : offered) {
            String label = messages.get("method_" + method.jsonName());
            boolean checked = chosen.isEmpty() ? method == VerifyMethod.APP : chosen.contains(method);
            methods.add(Map.of("value", method.jsonName(), "label", label, "checked", checked));
            if (method != VerifyMethod.APP) {
                String to = flows.contactOf(x.user(), method);
                send.add(Map.of("value", method.jsonName(), "label", messages.format("send_button_to", label, to)));
            }
        }
        boolean phoneMissing = !enrolled && (settings.verify().sms() || settings.verify().call())
                && flows.contactOf(x.user(), VerifyMethod.SMS) == null;
        return View.of("setup-scan", x, messages, "setup_title", prefix)
                .with("app", settings.verify().allows(VerifyMethod.APP))
                .with("qrPng", QrCode.of(secret.otpauthUri()).pngDataUri(UserApi.QR_SIZE))
                .with("secretGrouped", CodeFormat.grouped(secret.secret()).toUpperCase(java.util.Locale.ROOT))
                .with("apps", apps)
                .with("methods", methods)
                .with("sendOptions", send)
                .with("canSend", !send.isEmpty())
                .with("noPhone", phoneMissing ? messages.get("setup_no_phone") : null)
                .with("confirmIntro", messages.get(!settings.verify().allows(VerifyMethod.APP) ? "confirm_intro_sent"
                        : messageMethods.isEmpty() ? "confirm_intro" : "confirm_intro_either"));
    }

    /** The backup codes page; its "Continue" goes to {@code next}, a path inside the application. */
    private View doneView(Exchange x, Messages messages, List<String> codes, String next) {
        String file = String.join("\n", codes) + "\n";
        return View.of("setup-done", x, messages, "enabled_title", prefix)
                .with("codes", codes)
                .with("next", x.request().getContextPath() + next)
                .with("download", "data:text/plain;charset=utf-8,"
                        + URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** The security-key parts of the pages (the login page's passkey button too). */
    KeyPages keys() {
        return keys;
    }

    void devices(Exchange x) throws IOException {
        Messages messages = Messages.forLocales(x.request().getLocales());
        boolean post = x.request().getMethod().equals("POST");
        if (!post && keys.reverifyRequested(x)) {
            return;
        }
        if (post && MethodPages.handles(x.request().getParameter("step"))) {
            View view = View.of("devices", x, messages, "devices_title", prefix);
            if (!methodPages.post(x, messages, view)) {
                methodPages.reverify(x);
                return;
            }
            devicesView(x, messages, view).render(x.response(), templates, 200);
            return;
        }
        if (post && !keys.devicesPost(x, messages,
                () -> devicesView(x, messages, View.of("devices", x, messages, "devices_title", prefix)))) {
            accounts.revokeDevice(x.user(), x.request().getParameter("id"), x.caller());
            Http.redirect(x.request(), x.response(), prefix + "/devices");
            return;
        }
        if (!post) {
            devicesView(x, messages, View.of("devices", x, messages, "devices_title", prefix))
                    .render(x.response(), templates, 200);
        }
    }

    /** The trusted devices, the sign-in methods ({@link MethodPages}) and the security keys ({@link KeyPages}), read after any change. */
    private View devicesView(Exchange x, Messages messages, View view) {
        String current = x.session().currentDevice();
        PageDates dates = new PageDates(messages.locale());
        methodPages.fill(x, messages, view)
                .with("devices", accounts.devices(x.user()).stream().map(d -> deviceRow(d, current, dates)).toList())
                .with("timeZoneNote", messages.format("time_zone_note", "UTC"));
        keys.devices(x, view, messages, dates);
        return view;
    }

    /** One trusted device for a page: id, label, current, and created, lastUsed, expires as {@link PageDates}. */
    static Map<String, Object> deviceRow(TrustedDevice device, String currentId, PageDates dates) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", device.id());
        row.put("label", device.label());
        row.put("current", device.id().equals(currentId));
        row.put("created", dates.of(device.created()));
        row.put("lastUsed", dates.of(device.lastUsed()));
        row.put("expires", dates.of(device.expires()));
        return row;
    }

    void unavailable(Exchange x) throws IOException {
        Messages messages = Messages.forLocales(x.request().getLocales());
        View.of("unavailable", x, messages, "unavailable_title", prefix)
                .render(x.response(), templates, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }
}
