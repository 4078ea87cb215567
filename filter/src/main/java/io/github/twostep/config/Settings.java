package io.github.twostep.config;

import java.util.List;
import java.util.Objects;

/**
 * Everything TwoStep can be told, as read from one JSON settings file by
 * {@link SettingsLoader}. Immutable; validated as a whole when loaded. Each component is
 * described in {@code docs/CONFIGURATION.md} under the same name.
 *
 * @param enabled              false turns 2FA off app-wide
 * @param trustThisDevice      days a device stays trusted, 0–3650; 0 hides the option
 * @param code                 authenticator-app codes
 * @param backupCodes          one-time backup codes
 * @param setup                how users get 2FA
 * @param verify               which second factors are accepted
 * @param disableLoginPassword password-less sign-in: a code by email replaces the password
 * @param reportOnly           evaluate and audit decisions but never block
 * @param messageCode          codes sent by email, SMS or call
 * @param lockout              locking after wrong codes
 * @param exempt               who and what never needs a second factor
 * @param emergencyCode        codes created by administrators and operators
 * @param session              session handling
 * @param login                the first factor
 * @param paths                where TwoStep's pages live
 * @param admin                the admin pages and API
 * @param store                where users' 2FA data is kept
 * @param delivery             the application's SMS and call senders
 * @param contacts             where email addresses and phone numbers are found
 * @param trustedDevices       trusted devices
 * @param audit                where the audit trail goes
 * @param deviceAuthorization  emailed codes for every new browser, even without 2FA
 * @param stepUp               paths that need a fresh second factor
 * @param pages                how TwoStep's pages fit into the application
 * @param smtp                 the mail server; null: no real mail
 */
public record Settings(boolean enabled, int trustThisDevice, CodeSettings code, BackupCodeSettings backupCodes,
                       SetupSettings setup, VerifySettings verify, boolean disableLoginPassword,
                       boolean reportOnly, MessageCodeSettings messageCode, LockoutSettings lockout,
                       ExemptSettings exempt, EmergencyCodeSettings emergencyCode, SessionSettings session,
                       LoginSettings login, PathSettings paths, AdminSettings admin, StoreSettings store,
                       DeliverySettings delivery, ContactSettings contacts, TrustedDeviceSettings trustedDevices,
                       AuditSettings audit, DeviceAuthorizationSettings deviceAuthorization,
                       StepUpSettings stepUp, PageSettings pages, SmtpSettings smtp) {

    private static final Settings DEFAULTS = new Settings(
            true,
            180,
            new CodeSettings(6, 30, 180, Algorithm.SHA1),
            new BackupCodeSettings(10, 8),
            new SetupSettings(SetupMode.OPT_IN, List.of(VerifyMethod.EMAIL), "TwoStep Sample", 0, List.of(
                    new Authenticator("Google Authenticator", "https://support.google.com/accounts/answer/1066447"),
                    new Authenticator("Microsoft Authenticator",
                            "https://www.microsoft.com/en-us/security/mobile-authenticator-app"),
                    new Authenticator("FreeOTP", "https://freeotp.github.io/"))),
            new VerifySettings(true, true, false, false, null),
            false,
            false,
            new MessageCodeSettings(6, CodeAlphabet.DIGITS, 5, 30, 5),
            new LockoutSettings(5, 15),
            new ExemptSettings(List.of(), List.of(), List.of("/", "/static/*")),
            new EmergencyCodeSettings(6, 2),
            new SessionSettings(30, 30, 12),
            new LoginSettings(LoginMode.EXTERNAL, "/login", null, null, "password_hash", "roles", null,
                    ThrottleSettings.DEFAULTS),
            new PathSettings("/2fa", null),
            new AdminSettings(true, List.of("admin")),
            new StoreSettings(StoreType.MEMORY, null,
                    new JdbcStoreSettings(null, null, null, null, "users", "username", "comment", false),
                    new FileStoreSettings(null), null, List.of(), 5),
            new DeliverySettings(null, null),
            new ContactSettings("email", "phone", null),
            new TrustedDeviceSettings(20),
            new AuditSettings(AuditType.LOG, "twostep_audit", null),
            new DeviceAuthorizationSettings(false, 365),
            new StepUpSettings(List.of(), 5),
            new PageSettings(null, null, null, null),
            null);

    public Settings {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(backupCodes, "backupCodes");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(verify, "verify");
        Objects.requireNonNull(messageCode, "messageCode");
        Objects.requireNonNull(lockout, "lockout");
        Objects.requireNonNull(exempt, "exempt");
        Objects.requireNonNull(emergencyCode, "emergencyCode");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(contacts, "contacts");
        Objects.requireNonNull(trustedDevices, "trustedDevices");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(deviceAuthorization, "deviceAuthorization");
        Objects.requireNonNull(stepUp, "stepUp");
        Objects.requireNonNull(pages, "pages");
    }

    /**
     * Every problem of this value: each whole number outside its range and each broken rule
     * between keys, as {@code "$.json.path: reason"}; empty when valid. The same checks the
     * loader makes, so settings built in code are held to the file's rules. What needs the
     * environment (classes on the class path, a DataSource) is checked by
     * {@code TwoStep.problems(Settings)}.
     */
    public List<String> problems() {
        Problems problems = new Problems();
        SettingsRanges.check(this, problems);
        SettingsRules.check(this, problems);
        return problems.list();
    }

    /**
     * The library defaults: what a key left out of the settings file takes. The same as the
     * shipped {@code config/twostep.json} except no exempt roles, {@code login.mode}
     * external and the in-memory store.
     */
    public static Settings defaults() {
        return DEFAULTS;
    }
}
