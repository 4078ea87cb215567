package io.github.twostep.config;

import static io.github.twostep.config.SettingsFixtures.KEY;
import static io.github.twostep.config.SettingsFixtures.load;
import static io.github.twostep.config.SettingsFixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SettingsValidationTest {

    private static final String SMTP = "\"host\": \"h\", \"from\": \"a@b\", ";
    private static final String PASSWORDLESS = """
            {"disableLoginPassword": true, "setup": {"mode": "auto"}, "login": {"mode": "builtin"}}""";

    /** {"a": {"b": value}} for path "a.b"; smtp objects get their required keys. */
    private static String json(String path, String value) {
        String[] parts = path.split("\\.");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            text.append("{\"").append(parts[i]).append("\": ");
        }
        text.append(parts[0].equals("smtp") ? "{" + SMTP : "{").append('"').append(parts[parts.length - 1])
                .append("\": ").append(value).append('}');
        return text + "}".repeat(parts.length - 1);
    }

    @ParameterizedTest(name = "{0} in {1}..{2}")
    @CsvSource({
        "code.length, 4, 10", "code.period, 15, 300", "code.window, 0, 900",
        "backupCodes.count, 1, 100", "backupCodes.length, 3, 20", "trustThisDevice, 0, 3650",
        "lockout.maxFailedAttempts, 1, 100", "login.throttle.freeAttempts, 1, 100",
        "login.throttle.maxDelayMinutes, 0, 1440", "lockout.minutes, 1, 10080",
        "messageCode.length, 4, 10", "messageCode.minutes, 1, 60", "messageCode.resendSeconds, 0, 3600",
        "messageCode.maxSendsPerHour, 1, 100", "emergencyCode.length, 4, 12", "emergencyCode.minutes, 1, 60",
        "session.recheckSeconds, 1, 3600", "setup.enrollmentDeadlineDays, 0, 365", "trustedDevices.max, 1, 100",
        "smtp.port, 1, 65535", "smtp.timeoutSeconds, 1, 300"})
    void loadWhenIntegerAtRangeEdgeThenAcceptedAndJustOutsideThenRejected(String path, int min, int max) {
        load(json(path, String.valueOf(min)));
        load(json(path, String.valueOf(max)));
        assertEquals(List.of("$." + path + ": must be between " + min + " and " + max + ", got " + (min - 1)),
                problems(json(path, String.valueOf(min - 1))));
        assertEquals(List.of("$." + path + ": must be between " + min + " and " + max + ", got " + (max + 1)),
                problems(json(path, String.valueOf(max + 1))));
    }

    @Test
    void loadWhenIntegerBeyondIntThenRangeError() {
        assertEquals(List.of("$.code.window: must be between 0 and 900, got 99999999999"),
                problems(json("code.window", "99999999999")));
    }

    @Test
    void loadWhenPasswordlessWithAutoAndBuiltinThenAccepted() {
        assertTrue(load(PASSWORDLESS).disableLoginPassword());
    }

    @Test
    void loadWhenDisableLoginPasswordWithoutAutoSetupThenRejected() {
        assertEquals(List.of("$.disableLoginPassword: needs setup.mode \"auto\", got \"opt-in\""),
                problems(PASSWORDLESS.replace("\"auto\"", "\"opt-in\"")));
    }

    @Test
    void loadWhenDisableLoginPasswordWithExternalLoginThenRejected() {
        assertEquals(List.of("$.disableLoginPassword: needs login.mode \"builtin\", got \"external\""),
                problems(PASSWORDLESS.replace("\"builtin\"", "\"external\"")));
    }

    @Test
    void loadWhenDisableLoginPasswordWithoutEmailMethodThenRejected() {
        List<String> problems = problems(PASSWORDLESS.replace("\"mode\": \"auto\"", "\"mode\": \"auto\", \"methods\": [\"app\"]"));
        assertEquals(List.of("$.disableLoginPassword: needs \"email\" in setup.methods (the code is sent by email)"),
                problems);
    }

    @Test
    void loadWhenNoVerifyMethodThenRejected() {
        assertEquals(List.of("$.verify: enable at least one method (app, email, sms, call or dial)",
                        "$.setup.methods[0]: \"email\" is not enabled in verify"),
                problems("{\"verify\": {\"app\": false, \"email\": false}}"));
    }

    @Test
    void loadWhenOnlyDialEnabledThenAccepted() {
        Settings s = load("{\"verify\": {\"app\": false, \"email\": false, \"dial\": \"+1 555 0199\"}, "
                + "\"setup\": {\"methods\": []}}");

        assertEquals(new VerifySettings(false, false, false, false, "+1 555 0199"), s.verify());
        assertEquals(List.of(), s.setup().methods());
    }

    @Test
    void loadWhenAuditTypeGivenThenEnumAndClassNameSplit() {
        assertEquals(new AuditSettings(AuditType.JDBC, "twostep_audit", null), load(json("audit.type", "\"jdbc\"")).audit());
        assertEquals(new AuditSettings(AuditType.CLASS, "twostep_audit", "com.example.Sink"),
                load(json("audit.type", "\"class:com.example.Sink\"")).audit());
        assertEquals(AuditType.LOG, load("{}").audit().type());
    }

    @Test
    void problemsWhenClassTypeWithoutClassNameThenReportedAtType() {
        Settings d = Settings.defaults();
        Settings bad = new Settings(d.enabled(), d.trustThisDevice(), d.code(), d.backupCodes(), d.setup(), d.verify(),
                d.disableLoginPassword(), d.reportOnly(), d.messageCode(), d.lockout(), d.exempt(), d.emergencyCode(),
                d.session(), d.login(), d.paths(), d.admin(), d.store(), d.delivery(), d.contacts(), d.trustedDevices(),
                new AuditSettings(AuditType.CLASS, "twostep_audit", null), d.deviceAuthorization(), d.stepUp(),
                d.pages(), d.smtp());

        assertEquals(List.of("$.audit.type: a class name goes with type \"class:…\" and only with it"), bad.problems());
    }

    @Test
    void everyRangeIsCheckedByTheReaderWithTheValueCheckText() throws ReflectiveOperationException {
        int ranges = 0;
        for (java.lang.reflect.Field field : SettingsRanges.class.getDeclaredFields()) {
            if (field.getType() != SettingsRanges.Range.class) {
                continue;
            }
            SettingsRanges.Range range = (SettingsRanges.Range) field.get(null);
            String path = range.jsonPath().substring("$.".length());
            assertEquals(List.of(range.jsonPath() + ": " + range.problem(range.max() + 1)),
                    problems(json(path, String.valueOf(range.max() + 1))), path);
            assertEquals(List.of(range.jsonPath() + ": " + range.problem(range.min() - 1)),
                    problems(json(path, String.valueOf(range.min() - 1))), path);
            ranges++;
        }
        assertEquals(29, ranges);
    }

    @Test
    void loadWhenDeviceAuthorizationWithoutEmailThenRejected() {
        assertEquals(List.of("$.deviceAuthorization.enabled: needs verify.email (the code is sent by email)"),
                problems("{\"deviceAuthorization\": {\"enabled\": true}, \"verify\": {\"email\": false},"
                        + " \"setup\": {\"methods\": []}}"));
    }

    @Test
    void loadWhenDeviceAuthorizationDaysOutOfRangeThenRejected() {
        assertEquals(1, problems("{\"deviceAuthorization\": {\"days\": 0}}").size());
        assertEquals(1, problems("{\"deviceAuthorization\": {\"days\": 3651}}").size());
    }

    @Test
    void loadWhenPublicUrlNotAnHttpAddressThenRejected() {
        for (String bad : new String[] {"app.example.com", "https://app.example.com/", "ftp://x", "https://a b"}) {
            assertEquals(1, problems("{\"paths\": {\"publicUrl\": \"" + bad + "\"}}").size(), bad);
        }
        load("{\"paths\": {\"publicUrl\": \"https://app.example.com:8443/shop\"}}");
    }

    @Test
    void loadWhenSmsWithoutSenderThenRejected() {
        assertEquals(List.of("$.verify.sms: needs a sender class in delivery.sms"),
                problems("{\"verify\": {\"sms\": true}}"));
        load("{\"verify\": {\"sms\": true}, \"delivery\": {\"sms\": \"class:com.acme.Sms\"}}");
    }

    @Test
    void loadWhenCallWithoutSenderThenRejected() {
        assertEquals(List.of("$.verify.call: needs a sender class in delivery.call"),
                problems("{\"verify\": {\"call\": true}}"));
    }

    @Test
    void loadWhenSetupMethodNotEnabledThenRejected() {
        assertEquals(List.of("$.setup.methods[1]: \"sms\" is not enabled in verify"),
                problems("{\"setup\": {\"methods\": [\"email\", \"sms\"]}}"));
    }

    @Test
    void loadWhenSetupMethodRepeatedThenRejected() {
        assertEquals(List.of("$.setup.methods[1]: \"email\" is listed twice"),
                problems("{\"setup\": {\"methods\": [\"email\", \"email\"]}}"));
    }

    @Test
    void loadWhenAutoSetupWithoutMethodsThenRejected() {
        assertEquals(List.of("$.setup.methods: setup.mode \"auto\" needs at least one method"),
                problems("{\"setup\": {\"mode\": \"auto\", \"methods\": []}}"));
    }

    @Test
    void loadWhenIssuerHasColonThenRejected() {
        assertTrue(problems(json("setup.issuer", "\"Acme: Portal\"")).get(0).startsWith("$.setup.issuer: must not contain"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2fa", "/2fa/", "/", "/two fa", ""})
    void loadWhenPathPrefixMalformedThenRejected(String prefix) {
        assertEquals(List.of("$.paths.prefix: must start with \"/\" and not end with \"/\", e.g. \"/2fa\""),
                problems(json("paths.prefix", "\"" + prefix + "\"")));
    }

    @Test
    void loadWhenPathPrefixNestedThenAccepted() {
        assertEquals("/auth/2fa", load(json("paths.prefix", "\"/auth/2fa\"")).paths().prefix());
    }

    @Test
    void loadWhenLoginPathWithoutSlashThenRejected() {
        assertEquals(List.of("$.login.path: must start with \"/\", e.g. \"/login\""),
                problems(json("login.path", "\"login\"")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"static/*", "/static*", "/a/*/b", "/*/x", "*"})
    void loadWhenExemptPathNeitherExactNorPrefixThenRejected(String path) {
        assertEquals(List.of("$.exempt.paths[1]: expected an exact path such as \"/health\" or a prefix ending in \"/*\""),
                problems(json("exempt.paths", "[\"/\", \"" + path + "\"]")));
    }

    @Test
    void loadWhenExemptPathsExactOrPrefixThenAccepted() {
        List<String> paths = List.of("/", "/*", "/health", "/static/*", "/api/v1/*");
        assertEquals(paths, load(json("exempt.paths", "[\"/\", \"/*\", \"/health\", \"/static/*\", \"/api/v1/*\"]"))
                .exempt().paths());
    }

    @Test
    void loadWhenJdbcStoreHasNeitherOrBothConnectionsThenRejected() {
        String problem = "$.store.jdbc: store.type \"jdbc\" needs exactly one of dataSource and url";
        assertEquals(List.of(problem), problems(store("\"type\": \"jdbc\", \"key\": \"" + KEY + "\"")));
        assertEquals(List.of(problem), problems(store("\"type\": \"jdbc\", \"key\": \"" + KEY + "\", "
                + "\"jdbc\": {\"dataSource\": \"java:comp/env/jdbc/x\", \"url\": \"jdbc:h2:mem:x\"}")));
        Settings s = load(store("\"type\": \"jdbc\", \"key\": \"" + KEY + "\", \"jdbc\": {\"url\": \"jdbc:h2:mem:x\","
                + " \"username\": \"sa\", \"table\": \"app.users\", \"caseInsensitiveUsers\": true}"));
        assertEquals(StoreType.JDBC, s.store().type());
        assertEquals("app.users", s.store().jdbc().table());
        assertTrue(s.store().jdbc().caseInsensitiveUsers());
    }

    @Test
    void loadWhenJdbcNamesNotSqlIdentifiersThenRejected() {
        List<String> problems = problems(store("\"jdbc\": {\"table\": \"users; drop\", \"commentColumn\": \"a b\"}"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("$.store.jdbc.table: "));
        assertTrue(problems.get(1).startsWith("$.store.jdbc.commentColumn: "));
    }

    @Test
    void loadWhenFileStoreWithoutDirectoryThenRejected() {
        assertEquals(List.of("$.store.file.directory: required when store.type is \"file\""),
                problems(store("\"type\": \"file\", \"key\": \"" + KEY + "\"")));
    }

    @Test
    void loadWhenStoreNeedsKeyAndHasNoneThenRejected() {
        assertEquals(List.of("$.store.key: required unless store.type is \"memory\""),
                problems(store("\"type\": \"file\", \"file\": {\"directory\": \"/var/twostep\"}")));
    }

    @Test
    void loadWhenStoreTypeIsClassThenNameKept() {
        StoreSettings store = load(store("\"type\": \"class:com.acme.Store\", \"key\": \"" + KEY + "\"")).store();
        assertEquals(StoreType.CLASS, store.type());
        assertEquals("com.acme.Store", store.className());
    }

    @Test
    void loadWhenStoreTypeUnknownThenChoicesNamed() {
        assertEquals(List.of("$.store.type: expected \"memory\", \"jdbc\", \"file\" or "
                + "\"class:<fully qualified class name>\""), problems(store("\"type\": \"mongo\"")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-colon", "bad id!:", "k1:not*base64", "k1:short", "waytoolongkeyidentifier:"})
    void loadWhenKeyMalformedThenRejectedWithoutShowingIt(String key) {
        String material = Base64.getEncoder().encodeToString(SettingsFixtures.filled(9));
        String value = key.endsWith(":") ? key + material : key;
        List<String> problems = problems(store("\"key\": \"" + value + "\""));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("$.store.key: "));
        assertFalse(problems.get(0).contains(value.substring(value.indexOf(':') + 1)), problems.get(0));
    }

    @Test
    void loadWhenKeyMaterialNot32BytesThenLengthNamed() {
        String key = "k1:" + Base64.getEncoder().encodeToString(new byte[16]);
        assertEquals(List.of("$.store.key: key material of \"k1\" must be 32 bytes, got 16"),
                problems(store("\"key\": \"" + key + "\"")));
    }

    @Test
    void loadWhenPreviousKeysValidThenAllKept() {
        String k2 = "k2:" + Base64.getEncoder().encodeToString(SettingsFixtures.filled(2));
        StoreSettings store = load(store("\"key\": \"" + k2 + "\", \"previousKeys\": [\"" + KEY + "\"]")).store();
        assertEquals("k2", store.key().id());
        assertEquals(List.of(new DataKey("k1", SettingsFixtures.filled(1))), store.previousKeys());
    }

    @Test
    void loadWhenKeyIdUsedTwiceThenRejected() {
        String other = "k1:" + Base64.getEncoder().encodeToString(SettingsFixtures.filled(2));
        assertEquals(List.of("$.store.previousKeys[0]: key id \"k1\" is used twice"),
                problems(store("\"key\": \"" + KEY + "\", \"previousKeys\": [\"" + other + "\"]")));
    }

    @Test
    void loadWhenSmtpLacksHostAndFromThenBothRequired() {
        assertEquals(List.of("$.smtp.host: required", "$.smtp.from: required"), problems("{\"smtp\": {}}"));
    }

    @Test
    void loadWhenSmtpSslAndStarttlsThenRejected() {
        assertEquals(List.of("$.smtp.ssl: cannot be combined with starttls; set one of them to false"),
                problems(json("smtp.ssl", "true")));
        assertTrue(load("{\"smtp\": {" + SMTP + "\"ssl\": true, \"starttls\": false}}").smtp().ssl());
    }

    @Test
    void loadWhenAuthenticatorIncompleteThenItemPathNamed() {
        assertEquals(List.of("$.setup.authenticators[1].url: required",
                        "$.setup.authenticators[2].url: expected an http:// or https:// address"),
                problems("{\"setup\": {\"authenticators\": [{\"name\": \"A\", \"url\": \"https://a\"},"
                        + " {\"name\": \"B\"}, {\"name\": \"C\", \"url\": \"ftp://c\"}]}}"));
    }

    private static String store(String body) {
        return "{\"store\": {" + body + "}}";
    }
}
