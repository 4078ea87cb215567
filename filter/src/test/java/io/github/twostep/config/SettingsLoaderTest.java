package io.github.twostep.config;

import static io.github.twostep.config.SettingsFixtures.KEY;
import static io.github.twostep.config.SettingsFixtures.LOADER;
import static io.github.twostep.config.SettingsFixtures.load;
import static io.github.twostep.config.SettingsFixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    @TempDir
    Path dir;

    @Test
    void loadWhenEmptyObjectThenLibraryDefaults() {
        assertEquals(Settings.defaults(), load("{}"));
    }

    @Test
    void loadWhenSomeKeysGivenThenOthersTakeDefaults() {
        Settings s = load("{\"code\": {\"length\": 8}}");
        assertEquals(8, s.code().length());
        assertEquals(30, s.code().period());
        assertEquals(Settings.defaults().setup(), s.setup());
    }

    @Test
    void loadWhenKeyMistypedThenNearestKeySuggested() {
        assertEquals(List.of("$.code.lenght: unknown key; did you mean \"length\"?"),
                problems("{\"code\": {\"lenght\": 6}}"));
    }

    @Test
    void loadWhenKeyUnlikeAnyThenValidKeysListed() {
        List<String> problems = problems("{\"backupCodes\": {\"zzzzzzzz\": 1}}");
        assertEquals(List.of("$.backupCodes.zzzzzzzz: unknown key; expected one of count, length"), problems);
    }

    @Test
    void loadWhenIntegerIsTextThenTypeNamed() {
        assertEquals(List.of("$.code.length: expected an integer, got \"six\""),
                problems("{\"code\": {\"length\": \"six\"}}"));
    }

    @Test
    void loadWhenIntegerIsFractionThenRejected() {
        assertEquals(List.of("$.code.period: expected an integer, got 30.5"), problems("{\"code\": {\"period\": 30.5}}"));
    }

    @Test
    void loadWhenOtherTypesWrongThenEachNamed() {
        List<String> problems = problems("""
                {"enabled": "yes", "code": 6, "exempt": {"roles": "api"}, "setup": {"issuer": 5}, "smtp": []}
                """);
        assertEquals(List.of(
                "$.enabled: expected true or false, got \"yes\"",
                "$.code: expected an object, got 6",
                "$.setup.issuer: expected a string, got 5",
                "$.exempt.roles: expected an array, got \"api\"",
                "$.smtp: expected an object or null, got an array"), problems);
    }

    @Test
    void loadWhenEnumValueMistypedThenChoicesAndNearestShown() {
        assertEquals(List.of("$.setup.mode: expected one of \"opt-in\", \"auto\", \"required\", got \"optin\";"
                + " did you mean \"opt-in\"?"), problems("{\"setup\": {\"mode\": \"optin\"}}"));
        assertEquals(List.of("$.code.algorithm: expected one of \"SHA1\", \"SHA256\", \"SHA512\", got \"MD5\""),
                problems("{\"code\": {\"algorithm\": \"MD5\"}}"));
    }

    @Test
    void loadWhenManyProblemsThenAllReportedAtOnce() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> load("""
                {"code": {"length": 3, "lenght": 6}, "lockout": {"maxFailedAttempts": 0}, "foo": 1}
                """));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("(4 problems)"));
        e.problems().forEach(p -> assertTrue(e.getMessage().contains(p)));
    }

    @Test
    void loadWhenNotJsonThenLineAndColumn() {
        List<String> problems = problems("{\n  \"code\": {\n    \"length\": 6,,\n  }\n}");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("line 3, column 17: "), problems.get(0));
    }

    @Test
    void loadWhenKeyRepeatedThenLineAndColumn() {
        assertTrue(problems("{\"enabled\": true,\n \"enabled\": false}").get(0).startsWith("line 2, column"));
    }

    @Test
    void loadWhenEmptyOrNotAnObjectThenRejected() {
        assertEquals(List.of("$: expected an object, got an empty file"), problems(""));
        assertEquals(List.of("$: expected an object, got an array"), problems("[]"));
    }

    @Test
    void loadWhenFileMissingThenErrorNamesIt() {
        Path missing = dir.resolve("nope.json");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> LOADER.load(missing));
        assertEquals(List.of("cannot read " + missing.toAbsolutePath() + ": no such file"), e.problems());
    }

    @Test
    void loadWhenLocationIsFilePathThenReadFromFile() throws Exception {
        Path file = Files.writeString(dir.resolve("s.json"), "{\"trustThisDevice\": 7}");
        assertEquals(7, LOADER.load(file.toString(), null).trustThisDevice());
    }

    @Test
    void loadWhenClasspathLocationThenResourceRead() {
        assertEquals(42, LOADER.load("classpath:io/github/twostep/config/classpath-settings.json", null)
                .trustThisDevice());
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> LOADER.load("classpath:no/such.json", null));
        assertEquals(List.of("cannot read classpath:no/such.json: not found"), e.problems());
    }

    @Test
    void loadWhenWebInfLocationThenCallerResolverUsed() {
        Map<String, String> resources = Map.of("/WEB-INF/twostep.json", "{\"reportOnly\": true}");
        Settings s = LOADER.load("/WEB-INF/twostep.json", name -> resources.containsKey(name)
                ? new ByteArrayInputStream(resources.get(name).getBytes(StandardCharsets.UTF_8)) : null);
        assertTrue(s.reportOnly());
        assertThrows(InvalidSettingsException.class, () -> LOADER.load("/WEB-INF/other.json", name -> null));
        assertThrows(InvalidSettingsException.class, () -> LOADER.load("/WEB-INF/twostep.json", null));
    }

    @Test
    void loadWhenEnvReferenceThenReplacedWholeOrEmbedded() {
        SettingsLoader loader = new SettingsLoader(Map.of("ISSUER", "Acme", "KEY", KEY)::get);
        Settings s = loader.load(new ByteArrayInputStream("""
                {"setup": {"issuer": "${env:ISSUER} Corp"}, "store": {"type": "file",
                 "file": {"directory": "/var/${env:ISSUER}"}, "key": "${env:KEY}"}}
                """.getBytes(StandardCharsets.UTF_8)), "x");
        assertEquals("Acme Corp", s.setup().issuer());
        assertEquals("/var/Acme", s.store().file().directory());
        assertEquals("k1", s.store().key().id());
    }

    @Test
    void loadFileWhenStoreDirectoryRelativeThenItStartsAtTheSettingsFilesDirectory() throws Exception {
        SettingsLoader loader = new SettingsLoader(Map.of("KEY", KEY)::get);
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path settings = Files.writeString(conf.resolve("s.json"), """
                {"store": {"type": "file", "file": {"directory": "../data/twostep"}, "key": "${env:KEY}"}}
                """);

        Settings s = loader.load(settings);

        assertEquals(conf.toAbsolutePath().resolve("../data/twostep").toString(), s.store().file().directory());
    }

    @Test
    void loadWhenStoreDirectoryAbsoluteOrSettingsNotAFileThenDirectoryAsWritten() throws Exception {
        SettingsLoader loader = new SettingsLoader(Map.of("KEY", KEY)::get);
        String absolute = dir.resolve("store").toAbsolutePath().toString().replace("\\", "\\\\");
        Path settings = Files.writeString(dir.resolve("s.json"),
                "{\"store\": {\"type\": \"file\", \"file\": {\"directory\": \"" + absolute
                        + "\"}, \"key\": \"${env:KEY}\"}}");
        Settings fromStream = loader.load(new ByteArrayInputStream("""
                {"store": {"type": "file", "file": {"directory": "data"}, "key": "${env:KEY}"}}
                """.getBytes(StandardCharsets.UTF_8)), "x");

        assertEquals(dir.resolve("store").toAbsolutePath().toString(), loader.load(settings).store().file().directory());
        assertEquals("data", fromStream.store().file().directory());
    }

    @Test
    void loadWhenEnvVariableMissingThenErrorNamesReferenceAndPath() {
        assertEquals(List.of("$.smtp.password: ${env:SMTP_PASSWORD}: environment variable SMTP_PASSWORD is not set"),
                problems("{\"smtp\": {\"host\": \"h\", \"from\": \"a@b\", \"password\": \"${env:SMTP_PASSWORD}\"}}"));
    }

    @Test
    void loadWhenFileReferenceThenContentWithoutTrailingNewline() throws Exception {
        Files.writeString(dir.resolve("smtp-password"), "s3cret\n");
        Path settings = Files.writeString(dir.resolve("s.json"),
                "{\"smtp\": {\"host\": \"h\", \"from\": \"a@b\", \"password\": \"${file:smtp-password}\"}}");
        assertEquals("s3cret", LOADER.load(settings).smtp().password());
    }

    @Test
    void loadWhenFileReferenceUnreadableThenErrorNamesReference() {
        assertEquals(List.of("$.setup.issuer: ${file:/no/such/file}: cannot read file: no such file"),
                problems("{\"setup\": {\"issuer\": \"${file:/no/such/file}\"}}"));
    }

    @Test
    void loadWhenFileReferenceIsAStreamOrTooLargeOrNotTextThenErrorInsteadOfHanging() throws Exception {
        Files.write(dir.resolve("big"), new byte[References.MAX_FILE_BYTES + 1]);
        Files.write(dir.resolve("binary"), new byte[] {(byte) 0xC3, (byte) 0x28});
        Files.createDirectory(dir.resolve("folder"));
        Path settings = Files.writeString(dir.resolve("s.json"), """
                {"setup": {"issuer": "${file:big}"}, "verify": {"dial": "${file:binary}"},
                 "smtp": {"host": "h", "from": "a@b", "password": "${file:folder}"}}""");

        InvalidSettingsException error = assertThrows(InvalidSettingsException.class, () -> LOADER.load(settings));

        assertTrue(error.problems().contains("$.setup.issuer: ${file:big}: file is larger than 64 KiB; "
                + "a ${file:} reference holds one value"), error.problems().toString());
        assertTrue(error.problems().contains("$.verify.dial: ${file:binary}: file is not UTF-8 text"),
                error.problems().toString());
        assertTrue(error.problems().contains("$.smtp.password: ${file:folder}: not a regular file"),
                error.problems().toString());
    }

    @Test
    void loadWhenFileReferenceIsDevZeroThenRefusedAtOnce() {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        assertEquals(List.of("$.setup.issuer: ${file:/dev/zero}: not a regular file"),
                problems("{\"setup\": {\"issuer\": \"${file:/dev/zero}\"}}"));
    }

    @Test
    void loadWhenReferenceMalformedThenRejectedAndDoubleDollarIsLiteral() {
        assertEquals(List.of("$.verify.dial: ${vault:x}: unknown reference; expected ${env:NAME} or ${file:PATH}"),
                problems("{\"verify\": {\"dial\": \"${vault:x}\"}}"));
        assertTrue(problems("{\"verify\": {\"dial\": \"${env:X\"}}").get(0).contains("unterminated reference"));
        assertEquals("cost $${5} is ${literal}".replace("$${", "${"),
                load("{\"verify\": {\"dial\": \"cost $${5} is $${literal}\"}}").verify().dial());
    }

    @Test
    void loadWhenSecretHasWrongTypeThenValueNotShown() {
        List<String> problems = problems(
                "{\"smtp\": {\"host\": \"h\", \"from\": \"a@b\", \"password\": 987654321}}");
        assertEquals(List.of("$.smtp.password: expected a string, got a number"), problems);
    }

    @Test
    void loadWhenSchemaKeyPresentThenIgnored() {
        assertEquals(Settings.defaults(), load("{\"$schema\": \"./twostep.schema.json\"}"));
    }

    @Test
    void loadWhenSmtpGivenThenItsDefaultsApply() {
        SmtpSettings smtp = load("{\"smtp\": {\"host\": \"mail.example.com\", \"from\": \"no-reply@example.com\"}}")
                .smtp();
        assertEquals(new SmtpSettings("mail.example.com", 587, true, false, null, null, "no-reply@example.com", 10),
                smtp);
        assertNull(load("{\"smtp\": null}").smtp());
    }

    @Test
    void loadWhenClassNamesGivenThenPrefixStripped() {
        Settings s = load("""
                {"verify": {"sms": true, "call": true},
                 "delivery": {"sms": "class:com.acme.Sms", "call": "class:com.acme.Call"},
                 "contacts": {"resolver": "class:com.acme.Contacts", "phoneColumn": null},
                 "login": {"principalResolver": "class:com.acme.Who", "sessionAttribute": "user"}}
                """);
        assertEquals(new DeliverySettings("com.acme.Sms", "com.acme.Call"), s.delivery());
        assertEquals(new ContactSettings("email", null, "com.acme.Contacts"), s.contacts());
        assertEquals("com.acme.Who", s.login().principalResolver());
        assertEquals("user", s.login().sessionAttribute());
        assertFalse(problems("{\"delivery\": {\"sms\": \"com.acme.Sms\"}}").isEmpty());
    }

    @Test
    void loadWhenDeliveryQueueGivenThenReadAndDefaultsOtherwise() {
        assertEquals(new SendQueueSettings(2, 100), load("{}").delivery().queue());
        assertEquals(new SendQueueSettings(4, 500),
                load("{\"delivery\": {\"queue\": {\"threads\": 4, \"limit\": 500}}}").delivery().queue());
        assertEquals(new SendQueueSettings(1, 100), load("{\"delivery\": {\"queue\": {\"threads\": 1}}}")
                .delivery().queue());
        assertFalse(problems("{\"delivery\": {\"queue\": {\"size\": 4}}}").isEmpty());
    }
}
