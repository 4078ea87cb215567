package io.github.twostep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.config.BackupCodeSettings;
import io.github.twostep.config.DataKey;
import io.github.twostep.config.DeliverySettings;
import io.github.twostep.config.InvalidSettingsException;
import io.github.twostep.config.LockoutSettings;
import io.github.twostep.config.LoginMode;
import io.github.twostep.config.LoginSettings;
import io.github.twostep.config.Settings;
import io.github.twostep.config.StoreSettings;
import io.github.twostep.config.StoreType;
import io.github.twostep.internal.store.InMemoryUserDataStore;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings built in code are held to the same checks as a file, on every path (issue #12 §3). */
class TwoStepSettingsCheckTest {

    @Test
    void buildWhenValuesOutOfRangeThenInvalidSettingsNamingEachPath() {
        Settings bad = with(Map.of("trustThisDevice", -5, "backupCodes", new BackupCodeSettings(0, 8),
                "lockout", new LockoutSettings(0, 0)));

        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> TwoStep.builder(bad).build());

        assertEquals(List.of("$.trustThisDevice: must be between 0 and 3650, got -5",
                "$.backupCodes.count: must be between 1 and 100, got 0",
                "$.lockout.maxFailedAttempts: must be between 1 and 100, got 0",
                "$.lockout.minutes: must be between 1 and 10080, got 0"), e.problems());
    }

    @Test
    void problemsWhenDefaultsThenNone() {
        assertEquals(List.of(), TwoStep.problems(Settings.defaults()));
        assertEquals(List.of(), Settings.defaults().problems());
    }

    @Test
    void problemsWhenBuiltinLoginWithoutDataSourceThenReportedAtLoginMode() {
        Settings builtin = with(Map.of("login", builtinLogin()));

        List<String> problems = TwoStep.problems(builtin);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("$.login.mode: \"builtin\" checks passwords in the users table"),
                problems.get(0));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> TwoStep.builder(builtin).build());
        assertEquals(problems, e.problems());
    }

    @Test
    void problemsWhenSenderClassMissingThenReportedAtDeliverySms() {
        Settings missing = with(Map.of("delivery", new DeliverySettings("com.example.NoSuchSender", null)));

        assertEquals(List.of("$.delivery.sms: The CodeSender class com.example.NoSuchSender is not on the classpath"),
                TwoStep.problems(missing));
    }

    @Test
    void problemsWhenSenderClassOfWrongTypeThenReported() {
        Settings wrong = with(Map.of("delivery", new DeliverySettings(null, String.class.getName())));

        assertEquals(List.of("$.delivery.call: The CodeSender class java.lang.String does not implement "
                + "io.github.twostep.delivery.CodeSender"), TwoStep.problems(wrong));
    }

    @Test
    void buildWhenStoreClassNamedThenMadeWithItsNoArgumentConstructor() {
        Settings named = with(Map.of("store", classStore(InMemoryUserDataStore.class.getName())));

        assertEquals(List.of(), TwoStep.problems(named));
        assertEquals(named, TwoStep.builder(named).build().settings());
    }

    @Test
    void problemsWhenStoreClassMissingThenReportedAtStoreTypeUnlessAStoreIsGiven() {
        Settings missing = with(Map.of("store", classStore("com.example.NoSuchStore")));

        assertEquals(List.of("$.store.type: The UserDataStore class com.example.NoSuchStore is not on the classpath"),
                TwoStep.problems(missing));
        assertEquals(missing, TwoStep.builder(missing).store(new InMemoryUserDataStore()).build().settings());
    }

    private static StoreSettings classStore(String className) {
        StoreSettings d = Settings.defaults().store();
        return new StoreSettings(StoreType.CLASS, className, d.jdbc(), d.file(), new DataKey("k1", new byte[32]),
                List.of(), d.timeoutSeconds());
    }

    private static LoginSettings builtinLogin() {
        LoginSettings l = Settings.defaults().login();
        return new LoginSettings(LoginMode.BUILTIN, l.path(), l.sessionAttribute(), l.principalResolver(),
                l.passwordColumn(), l.rolesColumn(), null, l.throttle());
    }

    /** The defaults with the named components replaced: settings as an application builds them in code. */
    private static Settings with(Map<String, Object> changes) {
        RecordComponent[] components = Settings.class.getRecordComponents();
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                String name = components[i].getName();
                values[i] = changes.containsKey(name) ? changes.get(name)
                        : components[i].getAccessor().invoke(Settings.defaults());
            }
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return Settings.class.getConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
