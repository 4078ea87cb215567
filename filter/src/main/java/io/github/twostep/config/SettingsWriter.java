package io.github.twostep.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Writes {@link Settings} back as the JSON the loader reads, key for key. Includes secrets
 * (the store keys, passwords): only for tests and tools that show the library defaults.
 */
final class SettingsWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SettingsWriter() {
    }

    static ObjectNode write(Settings s) {
        ObjectNode root = NODES.objectNode();
        root.put("enabled", s.enabled());
        root.put("trustThisDevice", s.trustThisDevice());
        root.putObject("code").put("length", s.code().length()).put("period", s.code().period())
                .put("window", s.code().window()).put("algorithm", s.code().algorithm().name());
        root.putObject("backupCodes").put("count", s.backupCodes().count()).put("length", s.backupCodes().length());
        ObjectNode setup = root.putObject("setup").put("mode", s.setup().mode().jsonName());
        setup.set("methods", array(s.setup().methods(), VerifyMethod::jsonName));
        setup.put("issuer", s.setup().issuer()).put("enrollmentDeadlineDays", s.setup().enrollmentDeadlineDays());
        ArrayNode apps = setup.putArray("authenticators");
        s.setup().authenticators().forEach(a -> apps.addObject().put("name", a.name()).put("url", a.url()));
        root.putObject("verify").put("app", s.verify().app()).put("email", s.verify().email())
                .put("sms", s.verify().sms()).put("call", s.verify().call()).put("dial", s.verify().dial())
                .putObject("webauthn").put("enabled", s.verify().webauthn().enabled())
                .put("userVerification", s.verify().webauthn().userVerification().jsonName())
                .put("maxKeys", s.verify().webauthn().maxKeys())
                .put("passkeyLogin", s.verify().webauthn().passkeyLogin());
        root.put("disableLoginPassword", s.disableLoginPassword());
        root.put("reportOnly", s.reportOnly());
        MessageCodeSettings m = s.messageCode();
        root.putObject("messageCode").put("length", m.length()).put("alphabet", m.alphabet().jsonName())
                .put("minutes", m.minutes()).put("resendSeconds", m.resendSeconds())
                .put("maxSendsPerHour", m.maxSendsPerHour());
        root.putObject("lockout").put("maxFailedAttempts", s.lockout().maxFailedAttempts())
                .put("minutes", s.lockout().minutes())
                .put("maxConsecutiveFailures", s.lockout().maxConsecutiveFailures());
        ObjectNode exempt = root.putObject("exempt");
        exempt.set("roles", array(s.exempt().roles(), Function.identity()));
        exempt.set("users", array(s.exempt().users(), Function.identity()));
        exempt.set("paths", array(s.exempt().paths(), Function.identity()));
        root.putObject("emergencyCode").put("length", s.emergencyCode().length())
                .put("minutes", s.emergencyCode().minutes());
        root.putObject("session").put("recheckSeconds", s.session().recheckSeconds())
                .put("idleMinutes", s.session().idleMinutes()).put("absoluteHours", s.session().absoluteHours());
        root.putObject("login").put("mode", s.login().mode().jsonName()).put("path", s.login().path())
                .put("sessionAttribute", s.login().sessionAttribute())
                .put("principalResolver", classRef(s.login().principalResolver()))
                .put("passwordColumn", s.login().passwordColumn()).put("rolesColumn", s.login().rolesColumn())
                .put("passwordVerifier", classRef(s.login().passwordVerifier()));
        ((ObjectNode) root.get("login")).putObject("throttle").put("freeAttempts", s.login().throttle().freeAttempts())
                .put("maxDelayMinutes", s.login().throttle().maxDelayMinutes());
        root.putObject("paths").put("prefix", s.paths().prefix()).put("publicUrl", s.paths().publicUrl());
        root.putObject("admin").put("localOnly", s.admin().localOnly())
                .set("roles", array(s.admin().roles(), Function.identity()));
        root.set("store", store(s.store()));
        ObjectNode delivery = root.putObject("delivery").put("sms", classRef(s.delivery().sms()))
                .put("call", classRef(s.delivery().call()));
        delivery.set("fallback", array(s.delivery().fallback(), VerifyMethod::jsonName));
        delivery.putObject("queue").put("threads", s.delivery().queue().threads())
                .put("limit", s.delivery().queue().limit());
        root.putObject("contacts").put("emailColumn", s.contacts().emailColumn())
                .put("phoneColumn", s.contacts().phoneColumn()).put("resolver", classRef(s.contacts().resolver()));
        root.putObject("trustedDevices").put("max", s.trustedDevices().max());
        root.putObject("audit").put("type", s.audit().className() != null ? classRef(s.audit().className())
                : s.audit().type().name().toLowerCase(Locale.ROOT)).put("table", s.audit().table());
        root.putObject("deviceAuthorization").put("enabled", s.deviceAuthorization().enabled())
                .put("days", s.deviceAuthorization().days());
        root.putObject("stepUp").put("maxAgeMinutes", s.stepUp().maxAgeMinutes())
                .set("paths", array(s.stepUp().paths(), Function.identity()));
        root.putObject("pages").put("appName", s.pages().appName()).put("homeUrl", s.pages().homeUrl())
                .put("stylesheet", s.pages().stylesheet()).put("templates", s.pages().templates());
        if (s.smtp() == null) {
            root.putNull("smtp");
        } else {
            SmtpSettings smtp = s.smtp();
            root.putObject("smtp").put("host", smtp.host()).put("port", smtp.port()).put("starttls", smtp.starttls())
                    .put("ssl", smtp.ssl()).put("username", smtp.username()).put("password", smtp.password())
                    .put("from", smtp.from()).put("timeoutSeconds", smtp.timeoutSeconds());
        }
        return root;
    }

    private static ObjectNode store(StoreSettings store) {
        ObjectNode node = NODES.objectNode();
        node.put("type", store.type() == StoreType.CLASS ? classRef(store.className())
                : store.type().name().toLowerCase(Locale.ROOT));
        JdbcStoreSettings jdbc = store.jdbc();
        node.putObject("jdbc").put("dataSource", jdbc.dataSource()).put("url", jdbc.url())
                .put("username", jdbc.username()).put("password", jdbc.password()).put("table", jdbc.table())
                .put("userColumn", jdbc.userColumn()).put("commentColumn", jdbc.commentColumn())
                .put("caseInsensitiveUsers", jdbc.caseInsensitiveUsers());
        node.putObject("file").put("directory", store.file().directory());
        node.put("key", store.key() == null ? null : store.key().encoded());
        node.set("previousKeys", array(store.previousKeys(), DataKey::encoded));
        node.put("timeoutSeconds", store.timeoutSeconds());
        return node;
    }

    private static <T> ArrayNode array(List<T> items, Function<T, String> text) {
        ArrayNode array = NODES.arrayNode();
        items.forEach(item -> array.add(text.apply(item)));
        return array;
    }

    private static String classRef(String className) {
        return className == null ? null : "class:" + className;
    }
}
