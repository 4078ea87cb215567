package io.github.twostep.config;

import static io.github.twostep.config.JsonCursor.ANY;

import io.github.twostep.config.JsonCursor.Check;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps the JSON tree onto the {@link Settings} records, key by key, with ranges and per-value
 * formats. Every key is read on every run (absent ones from {@link Settings#defaults()}), so
 * the reads are also the list of known keys.
 */
final class SettingsReader {

    static final Pattern CLASS_NAME = Pattern.compile(
            "class:[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PUBLIC_URL = Pattern.compile(
            "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^\\s?#]*[^/\\s?#])?");
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    private static final Pattern LINK = Pattern.compile("/(?![/\\\\])\\S*|https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/\\S*)?");
    private static final Pattern STYLESHEET = Pattern.compile("/(?![/\\\\])\\S*|https://[A-Za-z0-9.-]+(:[0-9]{1,5})?/\\S*");
    private static final Pattern CLASSPATH_FOLDER = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    private static final Pattern EXEMPT_PATH = Pattern.compile("(/[^*\\s]*)?/\\*|/[^*\\s]*");

    private static final Check NOT_BLANK = v -> v.isBlank() ? "must not be blank" : null;
    private static final Check CLASS = v -> CLASS_NAME.matcher(v).matches()
            ? null : "expected \"class:<fully qualified class name>\"";
    private static final Check TABLE_NAME = v -> TABLE.matcher(v).matches()
            ? null : "expected an SQL name such as \"users\" or \"app.users\"";
    private static final Check COLUMN_NAME = v -> COLUMN.matcher(v).matches()
            ? null : "expected an SQL column name such as \"comment\"";
    private static final Check DATA_KEY = v -> DataKey.parse(v).problem();
    private static final Check STORE_TYPE = v -> v.equals("memory") || v.equals("jdbc") || v.equals("file")
            || CLASS_NAME.matcher(v).matches()
            ? null : "expected \"memory\", \"jdbc\", \"file\" or \"class:<fully qualified class name>\"";

    private final Settings defaults = Settings.defaults();

    Settings read(JsonCursor c) {
        c.string("$schema", "", ANY); // lets editors find twostep.schema.json; otherwise ignored
        Settings s = new Settings(
                c.bool("enabled", defaults.enabled()),
                c.integer("trustThisDevice", defaults.trustThisDevice(), SettingsRanges.TRUST_THIS_DEVICE),
                c.object("code", this::code),
                c.object("backupCodes", o -> new BackupCodeSettings(
                        o.integer("count", defaults.backupCodes().count(), SettingsRanges.BACKUP_CODES_COUNT),
                        o.integer("length", defaults.backupCodes().length(), SettingsRanges.BACKUP_CODES_LENGTH))),
                c.object("setup", this::setup),
                c.object("verify", o -> new VerifySettings(
                        o.bool("app", defaults.verify().app()),
                        o.bool("email", defaults.verify().email()),
                        o.bool("sms", defaults.verify().sms()),
                        o.bool("call", defaults.verify().call()),
                        o.nullableString("dial", defaults.verify().dial(), false, NOT_BLANK),
                        o.object("webauthn", this::webauthn))),
                c.bool("disableLoginPassword", defaults.disableLoginPassword()),
                c.bool("reportOnly", defaults.reportOnly()),
                c.object("messageCode", this::messageCode),
                c.object("lockout", o -> new LockoutSettings(
                        o.integer("maxFailedAttempts", defaults.lockout().maxFailedAttempts(),
                                SettingsRanges.LOCKOUT_MAX_FAILED_ATTEMPTS),
                        o.integer("minutes", defaults.lockout().minutes(), SettingsRanges.LOCKOUT_MINUTES),
                        o.integer("maxConsecutiveFailures", defaults.lockout().maxConsecutiveFailures(),
                                SettingsRanges.LOCKOUT_MAX_CONSECUTIVE_FAILURES))),
                c.object("exempt", o -> new ExemptSettings(
                        o.strings("roles", defaults.exempt().roles(), false, NOT_BLANK),
                        o.strings("users", defaults.exempt().users(), false, NOT_BLANK),
                        o.strings("paths", defaults.exempt().paths(), false, SettingsReader::exemptPath))),
                c.object("emergencyCode", o -> new EmergencyCodeSettings(
                        o.integer("length", defaults.emergencyCode().length(), SettingsRanges.EMERGENCY_CODE_LENGTH),
                        o.integer("minutes", defaults.emergencyCode().minutes(), SettingsRanges.EMERGENCY_CODE_MINUTES))),
                c.object("session", o -> new SessionSettings(
                        o.integer("recheckSeconds", defaults.session().recheckSeconds(),
                                SettingsRanges.SESSION_RECHECK_SECONDS),
                        o.integer("idleMinutes", defaults.session().idleMinutes(), SettingsRanges.SESSION_IDLE_MINUTES),
                        o.integer("absoluteHours", defaults.session().absoluteHours(),
                                SettingsRanges.SESSION_ABSOLUTE_HOURS))),
                c.object("login", this::login),
                c.object("paths", o -> new PathSettings(o.string("prefix", defaults.paths().prefix(),
                        v -> PREFIX.matcher(v).matches() ? null
                                : "must start with \"/\" and not end with \"/\", e.g. \"/2fa\""),
                        o.nullableString("publicUrl", defaults.paths().publicUrl(), false,
                                SettingsReader::publicUrl))),
                c.object("admin", o -> new AdminSettings(
                        o.bool("localOnly", defaults.admin().localOnly()),
                        o.strings("roles", defaults.admin().roles(), false, NOT_BLANK))),
                c.object("store", this::store),
                c.object("delivery", o -> new DeliverySettings(
                        className(o.nullableString("sms", defaults.delivery().sms(), false, CLASS)),
                        className(o.nullableString("call", defaults.delivery().call(), false, CLASS)),
                        o.enumerations("fallback", defaults.delivery().fallback(), VerifyMethod.values(),
                                VerifyMethod::jsonName),
                        o.object("queue", q -> new SendQueueSettings(
                                q.integer("threads", defaults.delivery().queue().threads(),
                                        SettingsRanges.DELIVERY_QUEUE_THREADS),
                                q.integer("limit", defaults.delivery().queue().limit(),
                                        SettingsRanges.DELIVERY_QUEUE_LIMIT))))),
                c.object("contacts", o -> new ContactSettings(
                        o.nullableString("emailColumn", defaults.contacts().emailColumn(), false, COLUMN_NAME),
                        o.nullableString("phoneColumn", defaults.contacts().phoneColumn(), false, COLUMN_NAME),
                        className(o.nullableString("resolver", defaults.contacts().resolver(), false, CLASS)))),
                c.object("trustedDevices", o -> new TrustedDeviceSettings(
                        o.integer("max", defaults.trustedDevices().max(), SettingsRanges.TRUSTED_DEVICES_MAX))),
                c.object("audit", this::audit),
                c.object("deviceAuthorization", o -> new DeviceAuthorizationSettings(
                        o.bool("enabled", defaults.deviceAuthorization().enabled()),
                        o.integer("days", defaults.deviceAuthorization().days(),
                                SettingsRanges.DEVICE_AUTHORIZATION_DAYS))),
                c.object("stepUp", o -> new StepUpSettings(
                        o.strings("paths", defaults.stepUp().paths(), false, SettingsReader::exemptPath),
                        o.integer("maxAgeMinutes", defaults.stepUp().maxAgeMinutes(), SettingsRanges.STEP_UP_MAX_AGE_MINUTES))),
                c.object("pages", this::pages),
                c.nullableObject("smtp", defaults.smtp(), this::smtp));
        c.finish();
        return s;
    }

    private CodeSettings code(JsonCursor o) {
        return new CodeSettings(
                o.integer("length", defaults.code().length(), SettingsRanges.CODE_LENGTH),
                o.integer("period", defaults.code().period(), SettingsRanges.CODE_PERIOD),
                o.integer("window", defaults.code().window(), SettingsRanges.CODE_WINDOW),
                o.enumeration("algorithm", defaults.code().algorithm(), Algorithm.values(), Algorithm::name));
    }

    private SetupSettings setup(JsonCursor o) {
        return new SetupSettings(
                o.enumeration("mode", defaults.setup().mode(), SetupMode.values(), SetupMode::jsonName),
                o.enumerations("methods", defaults.setup().methods(), VerifyMethod.values(), VerifyMethod::jsonName),
                o.string("issuer", defaults.setup().issuer(), v -> v.isBlank() ? "must not be blank"
                        : v.contains(":") ? "must not contain \":\" (authenticator apps split the label there)"
                        : null),
                o.integer("enrollmentDeadlineDays", defaults.setup().enrollmentDeadlineDays(),
                        SettingsRanges.ENROLLMENT_DEADLINE_DAYS),
                o.objects("authenticators", defaults.setup().authenticators(), a -> new Authenticator(
                        a.requiredString("name", NOT_BLANK),
                        a.requiredString("url", v -> v.matches("https?://\\S+")
                                ? null : "expected an http:// or https:// address"))));
    }

    private MessageCodeSettings messageCode(JsonCursor o) {
        MessageCodeSettings m = defaults.messageCode();
        return new MessageCodeSettings(
                o.integer("length", m.length(), SettingsRanges.MESSAGE_CODE_LENGTH),
                o.enumeration("alphabet", m.alphabet(), CodeAlphabet.values(), CodeAlphabet::jsonName),
                o.integer("minutes", m.minutes(), SettingsRanges.MESSAGE_CODE_MINUTES),
                o.integer("resendSeconds", m.resendSeconds(), SettingsRanges.MESSAGE_CODE_RESEND_SECONDS),
                o.integer("maxSendsPerHour", m.maxSendsPerHour(), SettingsRanges.MESSAGE_CODE_MAX_SENDS_PER_HOUR));
    }

    private LoginSettings login(JsonCursor o) {
        LoginSettings l = defaults.login();
        return new LoginSettings(
                o.enumeration("mode", l.mode(), LoginMode.values(), LoginMode::jsonName),
                o.string("path", l.path(), v -> v.matches("/\\S*") ? null : "must start with \"/\", e.g. \"/login\""),
                o.nullableString("sessionAttribute", l.sessionAttribute(), false, NOT_BLANK),
                className(o.nullableString("principalResolver", l.principalResolver(), false, CLASS)),
                o.string("passwordColumn", l.passwordColumn(), COLUMN_NAME),
                o.nullableString("rolesColumn", l.rolesColumn(), false, COLUMN_NAME),
                className(o.nullableString("passwordVerifier", l.passwordVerifier(), false, CLASS)),
                o.object("throttle", t -> new ThrottleSettings(
                        t.integer("freeAttempts", l.throttle().freeAttempts(), SettingsRanges.LOGIN_THROTTLE_FREE_ATTEMPTS),
                        t.integer("maxDelayMinutes", l.throttle().maxDelayMinutes(),
                                SettingsRanges.LOGIN_THROTTLE_MAX_DELAY_MINUTES))));
    }

    private static String publicUrl(String value) {
        return PUBLIC_URL.matcher(value).matches() ? null
                : "expected an http(s) address without a trailing \"/\", e.g. \"https://app.example.com\"";
    }

    private AuditSettings audit(JsonCursor o) {
        AuditSettings a = defaults.audit();
        String type = o.string("type", a.type().name().toLowerCase(Locale.ROOT), v -> v.equals("log") || v.equals("jdbc")
                || CLASS_NAME.matcher(v).matches() ? null : "expected \"log\", \"jdbc\" or \"class:com.example.Name\"");
        String table = o.string("table", a.table(), TABLE_NAME);
        boolean isClass = type.startsWith("class:");
        return new AuditSettings(isClass ? AuditType.CLASS : AuditType.valueOf(type.toUpperCase(Locale.ROOT)), table,
                isClass ? className(type) : null);
    }

    private StoreSettings store(JsonCursor o) {
        StoreSettings st = defaults.store();
        String type = o.string("type", "memory", STORE_TYPE);
        JdbcStoreSettings jdbc = o.object("jdbc", j -> new JdbcStoreSettings(
                j.nullableString("dataSource", st.jdbc().dataSource(), false, NOT_BLANK),
                j.nullableString("url", st.jdbc().url(), false,
                        v -> v.startsWith("jdbc:") ? null : "expected a JDBC URL starting with \"jdbc:\""),
                j.nullableString("username", st.jdbc().username(), false, ANY),
                j.nullableString("password", st.jdbc().password(), true, ANY),
                j.string("table", st.jdbc().table(), TABLE_NAME),
                j.string("userColumn", st.jdbc().userColumn(), COLUMN_NAME),
                j.string("commentColumn", st.jdbc().commentColumn(), COLUMN_NAME),
                j.bool("caseInsensitiveUsers", st.jdbc().caseInsensitiveUsers())));
        FileStoreSettings file = o.object("file", f -> new FileStoreSettings(
                f.nullablePath("directory", st.file().directory(), NOT_BLANK)));
        String key = o.nullableString("key", null, true, DATA_KEY);
        List<String> previous = o.strings("previousKeys", List.of(), true, DATA_KEY);
        boolean isClass = type.startsWith("class:");
        return new StoreSettings(
                isClass ? StoreType.CLASS : StoreType.valueOf(type.toUpperCase(Locale.ROOT)),
                isClass ? className(type) : null,
                jdbc, file,
                key == null ? null : DataKey.parse(key).key(),
                previous.stream().map(k -> DataKey.parse(k).key()).toList(),
                o.integer("timeoutSeconds", st.timeoutSeconds(), SettingsRanges.STORE_TIMEOUT_SECONDS));
    }

    private PageSettings pages(JsonCursor o) {
        PageSettings p = defaults.pages();
        return new PageSettings(
                o.nullableString("appName", p.appName(), false, NOT_BLANK),
                o.nullableString("homeUrl", p.homeUrl(), false, v -> LINK.matcher(v).matches() ? null
                        : "expected a path starting with \"/\" or an http(s) address"),
                o.nullableString("stylesheet", p.stylesheet(), false, v -> STYLESHEET.matcher(v).matches() ? null
                        : "expected a path starting with \"/\" or an https address"),
                o.nullableString("templates", p.templates(), false, v -> v.startsWith(PageSettings.CLASSPATH)
                        ? (CLASSPATH_FOLDER.matcher(v.substring(PageSettings.CLASSPATH.length())).matches() ? null
                                : "expected \"classpath:\" and a folder such as \"classpath:com/acme/twostep\"")
                        : java.nio.file.Path.of(v).isAbsolute() ? null
                        : "expected an absolute directory or \"classpath:<folder>\""));
    }

    private SmtpSettings smtp(JsonCursor o) {
        return new SmtpSettings(
                o.requiredString("host", NOT_BLANK),
                o.integer("port", 587, SettingsRanges.SMTP_PORT),
                o.bool("starttls", true),
                o.bool("ssl", false),
                o.nullableString("username", null, false, ANY),
                o.nullableString("password", null, true, ANY),
                o.requiredString("from", v -> v.contains("@") ? null : "expected a mail address"),
                o.integer("timeoutSeconds", 10, SettingsRanges.SMTP_TIMEOUT_SECONDS));
    }

    private static String exemptPath(String path) {
        return EXEMPT_PATH.matcher(path).matches()
                ? null : "expected an exact path such as \"/health\" or a prefix ending in \"/*\"";
    }

    /** "class:a.b.C" to "a.b.C"; null stays null. */
    private static String className(String value) {
        return value == null ? null : value.substring("class:".length());
    }

    private WebAuthnSettings webauthn(JsonCursor o) {
        WebAuthnSettings d = defaults.verify().webauthn();
        return new WebAuthnSettings(
                o.bool("enabled", d.enabled()),
                o.enumeration("userVerification", d.userVerification(), UserVerification.values(),
                        UserVerification::jsonName),
                o.integer("maxKeys", d.maxKeys(), 1, 100),
                o.bool("passkeyLogin", d.passkeyLogin()));
    }
}
