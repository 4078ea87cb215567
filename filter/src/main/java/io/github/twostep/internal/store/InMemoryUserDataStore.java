package io.github.twostep.internal.store;

import io.github.twostep.store.UserDataStore;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Comments kept in memory, for tests and demos; lost when the JVM stops. By default every
 * username is a known user with an empty comment; {@link #restrictedTo} knows only the users
 * given. Compare-and-set is atomic through {@link ConcurrentMap#compute}.
 */
public final class InMemoryUserDataStore implements UserDataStore {
    private final ConcurrentMap<String, String> comments = new ConcurrentHashMap<>();
    private final Set<String> knownUsers;

    /** A store where every username exists. */
    public InMemoryUserDataStore() {
        this.knownUsers = null;
    }

    private InMemoryUserDataStore(Set<String> knownUsers) {
        this.knownUsers = knownUsers;
    }

    /** A store that knows only these users; others read as unknown. */
    public static InMemoryUserDataStore restrictedTo(Collection<String> usernames) {
        Objects.requireNonNull(usernames, "usernames");
        usernames.forEach(Usernames::requireValid);
        return new InMemoryUserDataStore(Set.copyOf(usernames));
    }

    @Override
    public Optional<String> read(String username) {
        if (!known(username)) {
            return Optional.empty();
        }
        return Optional.of(comments.getOrDefault(username, ""));
    }

    @Override
    public boolean compareAndSet(String username, String expected, String replacement) {
        Objects.requireNonNull(replacement, "replacement");
        if (!known(username)) {
            return false;
        }
        String wanted = expected == null ? "" : expected;
        boolean[] written = {false};
        comments.compute(username, (name, current) -> {
            String now = current == null ? "" : current;
            if (!now.equals(wanted)) {
                return current;
            }
            written[0] = true;
            return replacement;
        });
        return written[0];
    }

    private boolean known(String username) {
        Usernames.requireValid(username);
        return knownUsers == null || knownUsers.contains(username);
    }
}
