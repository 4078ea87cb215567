package io.github.twostep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsWhenReadThenMatchTheDesignExampleExceptRolesLoginAndStore() {
        Settings s = Settings.defaults();
        assertTrue(s.enabled());
        assertEquals(180, s.trustThisDevice());
        assertEquals(new CodeSettings(6, 30, 180, Algorithm.SHA1), s.code());
        assertEquals(new BackupCodeSettings(10, 8), s.backupCodes());
        assertEquals(SetupMode.OPT_IN, s.setup().mode());
        assertEquals(List.of(VerifyMethod.EMAIL), s.setup().methods());
        assertEquals(3, s.setup().authenticators().size());
        assertEquals(new VerifySettings(true, true, false, false, null), s.verify());
        assertEquals(new MessageCodeSettings(6, CodeAlphabet.DIGITS, 5, 30, 5), s.messageCode());
        assertEquals(new LockoutSettings(5, 15), s.lockout());
        assertEquals(new ExemptSettings(List.of(), List.of(), List.of("/", "/static/*")), s.exempt());
        assertEquals(new EmergencyCodeSettings(6, 2), s.emergencyCode());
        assertEquals(LoginMode.EXTERNAL, s.login().mode());
        assertEquals("/login", s.login().path());
        assertEquals("/2fa", s.paths().prefix());
        assertEquals(new AdminSettings(true, List.of("admin")), s.admin());
        assertEquals(StoreType.MEMORY, s.store().type());
        assertNull(s.store().key());
        assertEquals(20, s.trustedDevices().max());
        assertNull(s.smtp());
    }

    @Test
    void windowStepsWhenWindow180AndPeriod30ThenThree() {
        assertEquals(3, new CodeSettings(6, 30, 180, Algorithm.SHA1).windowSteps());
        assertEquals(1, new CodeSettings(4, 60, 180, Algorithm.SHA1).windowSteps());
    }

    @Test
    void listsWhenCallerChangesItsCopyThenSettingsUnchanged() {
        List<String> roles = new ArrayList<>(List.of("admin"));
        AdminSettings admin = new AdminSettings(true, roles);
        roles.add("root");
        assertEquals(List.of("admin"), admin.roles());
        assertThrows(UnsupportedOperationException.class, () -> admin.roles().add("x"));
    }

    @Test
    void toStringWhenRecordHoldsSecretsThenSecretsHidden() {
        SmtpSettings smtp = new SmtpSettings("mail.example.com", 587, true, false, "u", "hunter2-smtp",
                "no-reply@example.com", 10);
        JdbcStoreSettings jdbc = new JdbcStoreSettings(null, "jdbc:h2:mem:x", "sa", "hunter2-db", "users",
                "username", "comment", false);
        byte[] material = new byte[32];
        Arrays.fill(material, (byte) 7);
        DataKey key = new DataKey("k1", material);
        assertFalse(smtp.toString().contains("hunter2-smtp"));
        assertFalse(jdbc.toString().contains("hunter2-db"));
        assertFalse(key.toString().contains(key.encoded().substring(3)));
        assertTrue(key.toString().contains("k1"));
    }

    @Test
    void dataKeyWhenSameIdAndMaterialThenEqualAndDifferentMaterialThenNot() {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        b[31] = 1;
        assertEquals(new DataKey("k1", a), new DataKey("k1", a.clone()));
        assertNotEquals(new DataKey("k1", a), new DataKey("k1", b));
        assertThrows(IllegalArgumentException.class, () -> new DataKey("k1", new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> new DataKey("bad id", a));
    }
}
