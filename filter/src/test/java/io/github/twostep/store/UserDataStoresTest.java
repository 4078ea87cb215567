package io.github.twostep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.TwoStepException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDataStoresTest {

    /** An application store with an options constructor. */
    public static final class OptionsStore implements UserDataStore {
        final Map<String, String> options;
        private final InMemoryUserDataStore inner = new InMemoryUserDataStore();

        public OptionsStore(Map<String, String> options) {
            this.options = options;
        }

        @Override
        public Optional<String> read(String username) {
            return inner.read(username);
        }

        @Override
        public boolean compareAndSet(String username, String expected, String replacement) {
            return inner.compareAndSet(username, expected, replacement);
        }
    }

    /** An application store registered in META-INF/services, with a no-argument constructor. */
    public static final class RegisteredStore implements UserDataStore {
        @Override
        public Optional<String> read(String username) {
            return Optional.of("registered");
        }

        @Override
        public boolean compareAndSet(String username, String expected, String replacement) {
            return false;
        }
    }

    @Test
    void loadWhenBuiltInNamesThenBuiltInStores(@TempDir Path directory) {
        assertInstanceOf(InMemoryUserDataStore.class, UserDataStores.load("memory", Map.of()));
        assertInstanceOf(FileUserDataStore.class,
                UserDataStores.load("file", Map.of("directory", directory.toString())));
        UserDataStore jdbc = UserDataStores.load("jdbc", Map.of("url", "jdbc:h2:mem:loader;DB_CLOSE_DELAY=-1",
                "username", "sa", "password", "", "table", "accounts", "caseInsensitive", "true"));
        assertTrue(jdbc.toString().contains("table=accounts"));
    }

    @Test
    void loadWhenClassPrefixThenApplicationClassGetsOptions() {
        UserDataStore store = UserDataStores.load("class:" + OptionsStore.class.getName(), Map.of("region", "eu"));
        assertEquals(Map.of("region", "eu"), ((OptionsStore) store).options);
        assertTrue(store.compareAndSet("alice", null, "x"));
    }

    @Test
    void loadWhenRegisteredWithServiceLoaderThenFoundBySimpleOrFullName() {
        assertEquals(Optional.of("registered"), UserDataStores.load("RegisteredStore", Map.of()).read("alice"));
        assertInstanceOf(RegisteredStore.class, UserDataStores.load(RegisteredStore.class.getName(), Map.of()));
    }

    @Test
    void loadWhenTypeWrongThenClearErrors() {
        assertTrue(assertThrows(TwoStepException.class, () -> UserDataStores.load("class:com.example.Nope", Map.of()))
                .getMessage().contains("com.example.Nope"));
        assertTrue(assertThrows(TwoStepException.class, () -> UserDataStores.load("class:java.lang.String", Map.of()))
                .getMessage().contains("not a concrete UserDataStore"));
        assertTrue(assertThrows(TwoStepException.class, () -> UserDataStores.load("redis", Map.of()))
                .getMessage().contains("RegisteredStore"));
        assertThrows(TwoStepException.class, () -> UserDataStores.load("memory", Map.of("directory", "x")));
        assertThrows(TwoStepException.class, () -> UserDataStores.load("file", Map.of()));
        assertThrows(TwoStepException.class, () -> UserDataStores.load("jdbc", Map.of("table", "users")));
        assertThrows(TwoStepException.class,
                () -> UserDataStores.load("jdbc", Map.of("url", "jdbc:h2:mem:x", "table", "users; --")));
    }
}
