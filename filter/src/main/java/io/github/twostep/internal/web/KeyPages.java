package io.github.twostep.internal.web;

import io.github.twostep.TwoStep;
import io.github.twostep.config.LoginMode;
import io.github.twostep.config.Settings;
import io.github.twostep.internal.core.Accounts;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.store.SecurityKey;
import io.github.twostep.internal.store.UserRecord;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Security keys and passkeys on TwoStep's pages: the "use a security key" buttons of the verify,
 * set-up and login pages (run by {@code P/static/webauthn.js} against the JSON API), and the
 * devices page's "Security keys" section, whose rename and remove are plain forms. Nothing here
 * checks a key; core does, behind {@link WebAuthnApi}.
 */
final class KeyPages {
    private final TwoStep twoStep;
    private final Accounts accounts;
    private final Flows flows;
    private final Templates templates;
    private final String prefix;

    KeyPages(TwoStep twoStep, Flows flows, Templates templates) {
        this.twoStep = twoStep;
        this.accounts = Engine.of(twoStep).accounts();
        this.flows = flows;
        this.templates = templates;
        this.prefix = twoStep.settings().paths().prefix();
    }

    /** The login page: "Sign in with a passkey" when {@code passkeyLogin} is on (built-in login only). */
    void login(View view) {
        Settings settings = twoStep.settings();
        if (accounts.passkeyLoginOptions().isPresent() && settings.login().mode() == LoginMode.BUILTIN) {
            view.with("passkeyLogin", true).withScript();
        }
    }

    /** The verify page: "Use your security key" for a user who has one (not while a code sign-in or new-browser check runs). */
    void verify(Exchange x, View view, Messages messages, boolean codeOnly) {
        if (codeOnly || !accounts.securityKeysEnabled() || accounts.securityKeys(x.user()).isEmpty()) {
            return;
        }
        view.with("keyVerify", true).withScript();
        boolean keysOnly = flows.record(x.user()).map(r -> r.methods().isEmpty()).orElse(false);
        if (keysOnly) {
            view.with("intro", messages.get("verify_intro_key")).with("codeHint", messages.get("code_hint_key"));
        }
    }

    /** The set-up page: "Use a security key or passkey" as the first factor, for a user who has none yet. */
    void setup(View view, boolean enrolled) {
        if (!enrolled && accounts.securityKeysEnabled()) {
            view.with("keySetup", true).withScript();
        }
    }

    /**
     * A form on the devices page about a key ({@code action} {@code rename-key} or
     * {@code remove-key}); false for any other post (a trusted device's revoke). Removing needs
     * a verification in the last minutes: without one the user verifies and comes back.
     */
    boolean devicesPost(Exchange x, Messages messages, Supplier<View> page) throws IOException {
        String action = x.request().getParameter("action");
        if (!"rename-key".equals(action) && !"remove-key".equals(action)) {
            return false;
        }
        String id = x.request().getParameter("key");
        if (!accounts.securityKeysEnabled() || id == null) {
            Http.redirect(x.request(), x.response(), prefix + "/devices");
            return true;
        }
        if (action.equals("rename-key")) {
            String name = x.request().getParameter("name");
            boolean renamed = name != null && !name.isBlank() && accounts.renameKey(x.user(), id, name.strip(),
                    x.caller());
            Http.redirect(x.request(), x.response(), prefix + "/devices" + (renamed ? "?key=renamed" : ""));
            return true;
        }
        if (!flows.recentlyVerified(x)) {
            reverify(x);
            return true;
        }
        switch (accounts.removeKey(x.user(), id, x.caller())) {
            case REMOVED -> Http.redirect(x.request(), x.response(), prefix + "/devices?key=removed");
            case NOT_FOUND -> Http.redirect(x.request(), x.response(), prefix + "/devices");
            case LAST_FACTOR -> page.get().with("keyError", messages.get("key_last_factor"))
                    .render(x.response(), templates, 409);
        }
        return true;
    }

    /**
     * {@code GET P/devices?reverify}: the "add a security key" button was told a fresh
     * verification is needed; the user verifies and comes back to the devices page.
     */
    boolean reverifyRequested(Exchange x) throws IOException {
        if (x.request().getParameter("reverify") == null) {
            return false;
        }
        reverify(x);
        return true;
    }

    private void reverify(Exchange x) throws IOException {
        x.session().returnTo(prefix + "/devices");
        Http.redirect(x.request(), x.response(), prefix + "/verify");
    }

    /** The devices page's "Security keys" section: the keys, and "Add a security key". */
    void devices(Exchange x, View view, Messages messages, PageDates dates) {
        if (!accounts.securityKeysEnabled()) {
            return;
        }
        List<Map<String, Object>> keys = accounts.securityKeys(x.user()).stream().map(k -> keyRow(k, dates)).toList();
        boolean enrolled = flows.record(x.user()).map(UserRecord::enabled).orElse(false);
        view.with("keysSection", true).with("keys", keys)
                .with("keyAdd", enrolled && keys.size() < twoStep.settings().verify().webauthn().maxKeys())
                .with("reverifyUrl", x.request().getContextPath() + prefix + "/devices?reverify")
                .withScript();
        String done = x.request().getParameter("key");
        if ("removed".equals(done) || "renamed".equals(done)) {
            view.with("keyNotice", messages.get("key_" + done));
        }
    }

    /** One key for a page: id, name, and created, lastUsed as {@link PageDates} (lastUsed null until first use). */
    static Map<String, Object> keyRow(SecurityKey key, PageDates dates) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", key.id());
        row.put("name", key.name());
        row.put("created", dates.of(key.created()));
        row.put("lastUsed", dates.of(key.lastUsed()));
        return row;
    }
}
