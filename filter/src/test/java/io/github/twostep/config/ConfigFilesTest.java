package io.github.twostep.config;

import static io.github.twostep.config.SettingsFixtures.LOADER;
import static io.github.twostep.config.SettingsFixtures.configDirectory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> configFiles() throws IOException {
        try (Stream<Path> files = Files.walk(configDirectory())) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().equals("twostep.schema.json")).sorted().toList();
            return list.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("configFiles")
    void loadWhenShippedFileThenValid(Path file) {
        Settings settings = LOADER.load(file);
        assertEquals("k1", settings.store().key().id(), "TWOSTEP_KEY comes from the env lookup");
    }

    @Test
    void configFilesWhenListedThenDefaultAndEveryProfilePresent() throws IOException {
        List<String> names = configFiles().map(f -> configDirectory().relativize(f).toString().replace('\\', '/'))
                .toList();
        assertEquals(List.of("profiles/auto-email.json", "profiles/four-digit-60s.json", "profiles/opt-in.json",
                "profiles/passkeys.json", "profiles/passwordless.json", "profiles/sms-call.json", "profiles/strict.json", "twostep.json"), names);
    }

    @Test
    void shippedFileWhenLoadedThenDefaultsExceptRolesLoginAndStore() {
        Settings shipped = LOADER.load(configDirectory().resolve("twostep.json"));
        Settings d = Settings.defaults();
        assertEquals(List.of("api"), shipped.exempt().roles());
        assertNull(shipped.paths().publicUrl(), "the sample fills in its own address");
        assertEquals(LoginMode.BUILTIN, shipped.login().mode());
        assertEquals(StoreType.JDBC, shipped.store().type());
        assertEquals("java:comp/env/jdbc/users", shipped.store().jdbc().dataSource());
        Settings aligned = new Settings(shipped.enabled(), shipped.trustThisDevice(), shipped.code(),
                shipped.backupCodes(), shipped.setup(), shipped.verify(), shipped.disableLoginPassword(),
                shipped.reportOnly(), shipped.messageCode(), shipped.lockout(), d.exempt(),
                shipped.emergencyCode(), shipped.session(), d.login(), shipped.paths(), shipped.admin(),
                d.store(), shipped.delivery(), shipped.contacts(), shipped.trustedDevices(), shipped.audit(),
                shipped.deviceAuthorization(), shipped.stepUp(), shipped.pages(),
                shipped.smtp());
        assertEquals(d, aligned);
    }

    @Test
    void optInProfileWhenComparedThenSameAsDefaultFile() throws IOException {
        assertEquals(JSON.readTree(configDirectory().resolve("twostep.json").toFile()),
                JSON.readTree(configDirectory().resolve("profiles/opt-in.json").toFile()));
    }

    @Test
    void profilesWhenLoadedThenSayWhatTheirNamesPromise() {
        Settings autoEmail = profile("auto-email");
        assertEquals(SetupMode.AUTO, autoEmail.setup().mode());
        assertEquals(List.of(VerifyMethod.EMAIL), autoEmail.setup().methods());
        Settings passwordless = profile("passwordless");
        assertTrue(passwordless.disableLoginPassword());
        assertEquals(0, passwordless.trustThisDevice());
        assertEquals(LoginMode.BUILTIN, passwordless.login().mode());
        assertEquals(new CodeSettings(4, 60, 180, Algorithm.SHA1), profile("four-digit-60s").code());
        Settings strict = profile("strict");
        assertEquals(SetupMode.REQUIRED, strict.setup().mode());
        assertEquals(0, strict.trustThisDevice());
        assertEquals(new LockoutSettings(3, 30), strict.lockout());
        Settings smsCall = profile("sms-call");
        assertTrue(smsCall.verify().sms());
        assertTrue(smsCall.verify().call());
        assertEquals("io.github.twostep.sample.OutboxPhoneSender", smsCall.delivery().sms());
        assertEquals("io.github.twostep.sample.OutboxPhoneSender", smsCall.delivery().call());
        Settings passkeys = profile("passkeys");
        assertTrue(passkeys.verify().webauthn().enabled());
        assertTrue(passkeys.verify().webauthn().passkeyLogin());
        assertEquals("http://localhost:8080", passkeys.paths().publicUrl(), "WebAuthn needs it when the file is loaded");
    }

    @Test
    void schemaAndLoaderWhenKeysComparedThenSameSet() throws IOException {
        TreeSet<String> schemaKeys = new TreeSet<>(schemaKeyPaths(schema(), "", false));
        TreeSet<String> loaderKeys = new TreeSet<>(SettingsLoader.knownKeyPaths());
        TreeSet<String> onlySchema = new TreeSet<>(schemaKeys);
        onlySchema.removeAll(loaderKeys);
        TreeSet<String> onlyLoader = new TreeSet<>(loaderKeys);
        onlyLoader.removeAll(schemaKeys);
        assertEquals(List.of(), List.copyOf(onlySchema), "in the schema, unknown to the loader");
        assertEquals(List.of(), List.copyOf(onlyLoader), "known to the loader, missing in the schema");
        assertTrue(loaderKeys.contains("setup.authenticators[].url"));
        assertTrue(loaderKeys.contains("smtp.timeoutSeconds"));
    }

    @Test
    void schemaWhenDefaultsComparedThenEqualLibraryDefaults() throws IOException {
        JsonNode defaults = SettingsWriter.write(Settings.defaults());
        JsonNode smtpDefaults = SettingsWriter.write(
                SettingsFixtures.load("{\"smtp\": {\"host\": \"h\", \"from\": \"a@b\"}}"));
        Map<String, JsonNode> schemaDefaults = new TreeMap<>();
        collectDefaults(schema(), "", schemaDefaults);
        schemaDefaults.forEach((path, value) -> assertEquals(value,
                (path.startsWith("smtp.") ? smtpDefaults : defaults).at("/" + path.replace(".", "/")), path));
        assertTrue(schemaDefaults.size() > 50, "defaults found: " + schemaDefaults.size());
    }

    @Test
    void schemaWhenEveryPropertyReadThenDescribedAndClosed() throws IOException {
        assertDescribed(schema(), "$");
    }

    @Test
    void defaultsWhenWrittenAndLoadedThenEqual() {
        byte[] json = SettingsWriter.write(Settings.defaults()).toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(Settings.defaults(), LOADER.load(json, "defaults", null));
    }

    @Test
    void shippedFileWhenWrittenAndLoadedThenEqual() {
        Settings shipped = LOADER.load(configDirectory().resolve("twostep.json"));
        byte[] json = SettingsWriter.write(shipped).toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(shipped, LOADER.load(json, "round trip", null));
    }

    private static Settings profile(String name) {
        return LOADER.load(configDirectory().resolve("profiles/" + name + ".json"));
    }

    static JsonNode schema() throws IOException {
        return JSON.readTree(configDirectory().resolve("twostep.schema.json").toFile());
    }

    /** Every property path; with {@code leavesOnly}, objects with properties are left out. */
    static List<String> schemaKeyPaths(JsonNode schema, String prefix, boolean leavesOnly) {
        List<String> paths = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String path = prefix + property.getKey();
            JsonNode node = property.getValue();
            if (!leavesOnly || !node.has("properties")) {
                paths.add(path);
            }
            paths.addAll(schemaKeyPaths(node, path + ".", leavesOnly));
            if (node.path("items").has("properties")) {
                paths.addAll(schemaKeyPaths(node.get("items"), path + "[].", leavesOnly));
            }
        }
        return paths;
    }

    private static void collectDefaults(JsonNode schema, String prefix, Map<String, JsonNode> out) {
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String path = prefix + property.getKey();
            if (property.getValue().has("default")) {
                out.put(path, property.getValue().get("default"));
            }
            collectDefaults(property.getValue(), path + ".", out);
        }
    }

    private static void assertDescribed(JsonNode schema, String where) {
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode node = property.getValue();
            String path = where + "." + property.getKey();
            assertFalse(node.path("description").asText().isBlank(), path + " has no description");
            if (node.has("properties")) {
                assertEquals(false, node.path("additionalProperties").asBoolean(true), path + " is not closed");
            }
            assertDescribed(node, path);
            assertDescribed(node.path("items"), path + "[]");
        }
    }
}
