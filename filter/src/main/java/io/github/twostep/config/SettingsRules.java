package io.github.twostep.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules that tie keys together; each broken one is a problem at the key to change. */
final class SettingsRules {

    private SettingsRules() {
    }

    static void check(Settings s, Problems problems) {
        password(s, problems);
        methods(s, problems);
        store(s.store(), problems);
        PageTemplatesRule.check(s.pages(), problems);
        if ((s.audit().type() == AuditType.CLASS) != (s.audit().className() != null)) {
            problems.add("$.audit.type", "a class name goes with type \"class:…\" and only with it");
        }
        webauthn(s, problems);
        if (s.smtp() != null && s.smtp().ssl() && s.smtp().starttls()) {
            problems.add("$.smtp.ssl", "cannot be combined with starttls; set one of them to false");
        }
    }

    private static void password(Settings s, Problems problems) {
        if (!s.disableLoginPassword()) {
            return;
        }
        if (s.setup().mode() != SetupMode.AUTO) {
            problems.add("$.disableLoginPassword", "needs setup.mode \"auto\", got \""
                    + s.setup().mode().jsonName() + "\"");
        }
        if (s.login().mode() != LoginMode.BUILTIN) {
            problems.add("$.disableLoginPassword", "needs login.mode \"builtin\", got \""
                    + s.login().mode().jsonName() + "\"");
        }
        if (!s.setup().methods().contains(VerifyMethod.EMAIL)) {
            problems.add("$.disableLoginPassword", "needs \"email\" in setup.methods (the code is sent by email)");
        }
    }

    private static void methods(Settings s, Problems problems) {
        VerifySettings verify = s.verify();
        if (!verify.app() && !verify.email() && !verify.sms() && !verify.call() && verify.dial() == null) {
            problems.add("$.verify", "enable at least one method (app, email, sms, call or dial)");
        }
        if (verify.sms() && s.delivery().sms() == null && !problems.reportedAt("$.delivery.sms")) {
            problems.add("$.verify.sms", "needs a sender class in delivery.sms");
        }
        if (verify.call() && s.delivery().call() == null && !problems.reportedAt("$.delivery.call")) {
            problems.add("$.verify.call", "needs a sender class in delivery.call");
        }
        fallback(s, problems);
        if (s.deviceAuthorization().enabled() && !verify.email()) {
            problems.add("$.deviceAuthorization.enabled", "needs verify.email (the code is sent by email)");
        }
        List<VerifyMethod> methods = s.setup().methods();
        Set<VerifyMethod> seen = new HashSet<>();
        for (int i = 0; i < methods.size(); i++) {
            VerifyMethod method = methods.get(i);
            if (!verify.allows(method)) {
                problems.add("$.setup.methods[" + i + "]", "\"" + method.jsonName() + "\" is not enabled in verify");
            }
            if (!seen.add(method)) {
                problems.add("$.setup.methods[" + i + "]", "\"" + method.jsonName() + "\" is listed twice");
            }
        }
        if (s.setup().mode() == SetupMode.AUTO && methods.isEmpty()) {
            problems.add("$.setup.methods", "setup.mode \"auto\" needs at least one method");
        }
    }

    private static void fallback(Settings s, Problems problems) {
        List<VerifyMethod> fallback = s.delivery().fallback();
        Set<VerifyMethod> seen = new HashSet<>();
        for (int i = 0; i < fallback.size(); i++) {
            VerifyMethod method = fallback.get(i);
            if (method == VerifyMethod.APP) {
                problems.add("$.delivery.fallback[" + i + "]", "\"app\" is not sent; list \"email\", \"sms\" or \"call\"");
            } else if (!s.verify().allows(method)) {
                problems.add("$.delivery.fallback[" + i + "]", "\"" + method.jsonName() + "\" is not enabled in verify");
            }
            if (!seen.add(method)) {
                problems.add("$.delivery.fallback[" + i + "]", "\"" + method.jsonName() + "\" is listed twice");
            }
        }
    }

    private static void store(StoreSettings store, Problems problems) {
        if (store.type() == StoreType.JDBC && (store.jdbc().dataSource() == null) == (store.jdbc().url() == null)) {
            problems.add("$.store.jdbc", "store.type \"jdbc\" needs exactly one of dataSource and url");
        }
        if ((store.type() == StoreType.CLASS) != (store.className() != null)) {
            problems.add("$.store.type", "a class name goes with type \"class:…\" and only with it");
        }
        if (store.type() == StoreType.FILE && store.file().directory() == null) {
            problems.add("$.store.file.directory", "required when store.type is \"file\"");
        }
        if (store.type() != StoreType.MEMORY && store.key() == null && !problems.reportedAt("$.store.key")) {
            problems.add("$.store.key", "required unless store.type is \"memory\"");
        }
        Set<String> ids = new HashSet<>();
        if (store.key() != null) {
            ids.add(store.key().id());
        }
        for (int i = 0; i < store.previousKeys().size(); i++) {
            String id = store.previousKeys().get(i).id();
            if (!ids.add(id)) {
                problems.add("$.store.previousKeys[" + i + "]", "key id \"" + id + "\" is used twice");
            }
        }
    }

    private static void webauthn(Settings s, Problems problems) {
        WebAuthnSettings webauthn = s.verify().webauthn();
        if (webauthn.enabled() && s.paths().publicUrl() == null) {
            problems.add("$.verify.webauthn.enabled", "needs paths.publicUrl (the relying party id and origin)");
        }
        if (webauthn.passkeyLogin() && !webauthn.enabled()) {
            problems.add("$.verify.webauthn.passkeyLogin", "needs verify.webauthn.enabled");
        }
        if (webauthn.passkeyLogin() && s.login().mode() != LoginMode.BUILTIN) {
            problems.add("$.verify.webauthn.passkeyLogin", "needs login.mode \"builtin\", got \""
                    + s.login().mode().jsonName() + "\"");
        }
    }
}
