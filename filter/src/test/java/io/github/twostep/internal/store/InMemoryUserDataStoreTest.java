package io.github.twostep.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.store.UserDataStore;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryUserDataStoreTest extends UserDataStoreContract {

    @Override
    UserDataStore store() {
        return new InMemoryUserDataStore();
    }

    @Test
    void readWhenRestrictedAndUserUnknownThenEmpty() {
        UserDataStore store = InMemoryUserDataStore.restrictedTo(List.of("alice"));
        assertEquals(Optional.empty(), store.read("mallory"));
        assertTrue(store.read("mallory").isEmpty());
        assertFalse(store.compareAndSet("mallory", null, "x"));
        assertTrue(store.compareAndSet("alice", null, "x"));
    }
}
