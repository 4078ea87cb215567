package io.github.twostep.config;

import static io.github.twostep.config.SettingsFixtures.load;
import static io.github.twostep.config.SettingsFixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code verify.webauthn}: defaults, ranges and the rules that tie it to other keys. */
class WebAuthnSettingsTest {

    private static final String PUBLIC_URL = "\"paths\": {\"publicUrl\": \"https://app.example.com\"}";

    @Test
    void loadWhenAbsentThenOffWithContractDefaults() {
        assertEquals(new WebAuthnSettings(false, UserVerification.PREFERRED, 10, false),
                load("{}").verify().webauthn());
    }

    @Test
    void loadWhenAllKeysGivenThenKept() {
        Settings s = load("{" + PUBLIC_URL + ", \"login\": {\"mode\": \"builtin\"}, \"verify\": {\"webauthn\":"
                + " {\"enabled\": true, \"userVerification\": \"required\", \"maxKeys\": 3, \"passkeyLogin\": true}}}");
        assertEquals(new WebAuthnSettings(true, UserVerification.REQUIRED, 3, true), s.verify().webauthn());
    }

    @Test
    void writeThenLoadWhenNotDefaultsThenSameSettings() {
        Settings s = load("{" + PUBLIC_URL + ", \"login\": {\"mode\": \"builtin\"}, \"verify\": {\"webauthn\":"
                + " {\"enabled\": true, \"userVerification\": \"discouraged\", \"maxKeys\": 7, \"passkeyLogin\": true}}}");
        assertEquals(s.verify().webauthn(), load(SettingsWriter.write(s).toString()).verify().webauthn());
    }

    @Test
    void loadWhenEnabledWithoutPublicUrlThenRejected() {
        assertEquals(List.of("$.verify.webauthn.enabled: needs paths.publicUrl (the relying party id and origin)"),
                problems("{\"verify\": {\"webauthn\": {\"enabled\": true}}}"));
    }

    @Test
    void loadWhenPasskeyLoginWithoutEnabledOrBuiltinLoginThenRejected() {
        assertEquals(List.of("$.verify.webauthn.passkeyLogin: needs verify.webauthn.enabled",
                        "$.verify.webauthn.passkeyLogin: needs login.mode \"builtin\", got \"external\""),
                problems("{" + PUBLIC_URL + ", \"verify\": {\"webauthn\": {\"passkeyLogin\": true}}}"));
    }

    @Test
    void loadWhenMaxKeysOutOfRangeThenRejected() {
        load("{\"verify\": {\"webauthn\": {\"maxKeys\": 1}}}");
        load("{\"verify\": {\"webauthn\": {\"maxKeys\": 100}}}");
        assertEquals(List.of("$.verify.webauthn.maxKeys: must be between 1 and 100, got 0"),
                problems("{\"verify\": {\"webauthn\": {\"maxKeys\": 0}}}"));
        assertEquals(List.of("$.verify.webauthn.maxKeys: must be between 1 and 100, got 101"),
                problems("{\"verify\": {\"webauthn\": {\"maxKeys\": 101}}}"));
    }

    @Test
    void loadWhenUserVerificationUnknownThenRejected() {
        assertEquals(1, problems("{\"verify\": {\"webauthn\": {\"userVerification\": \"always\"}}}").size());
    }
}
