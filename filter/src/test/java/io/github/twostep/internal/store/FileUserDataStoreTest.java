package io.github.twostep.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.store.UserDataStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUserDataStoreTest extends UserDataStoreContract {
    @TempDir
    Path root;
    private Path directory;
    private final Clock clock = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);

    @BeforeEach
    void useSubdirectory() {
        directory = root.resolve("users");
    }

    @Override
    UserDataStore store() {
        return new FileUserDataStore(directory, clock);
    }

    @Override
    UserDataStore sameStorage(UserDataStore first) {
        return new FileUserDataStore(directory, clock);
    }

    @Test
    void compareAndSetWhenHostileNamesThenOnlyHexFilesInsideDirectory() throws IOException {
        UserDataStore store = store();
        for (String user : USERS) {
            store.compareAndSet(user, null, "x");
        }
        try (Stream<Path> files = Files.list(root)) {
            assertEquals(List.of(Path.of("users")), files.map(Path::getFileName).toList());
        }
        try (Stream<Path> files = Files.list(directory)) {
            assertTrue(files.map(p -> p.getFileName().toString())
                    .allMatch(n -> n.matches("[0-9a-f]{64}\\.(twostep|lock)")));
        }
    }

    @Test
    void readWhenCrashLeftHalfWrittenTempFileThenOldCommentAndTempCleanedLater() throws IOException {
        UserDataStore store = store();
        store.compareAndSet("alice", null, "old comment");
        Path temp = directory.resolve(FileUserDataStore.fileName("alice") + ".0123456789abcdef.tmp");
        Files.writeString(temp, "new comm", StandardCharsets.UTF_8);

        assertEquals(Optional.of("old comment"), store.read("alice"));
        assertTrue(store.compareAndSet("alice", "old comment", "newer"));
        assertEquals(Optional.of("newer"), store.read("alice"));

        new FileUserDataStore(directory, clock);
        assertTrue(Files.exists(temp), "a recent temp file may belong to a running writer");
        Files.setLastModifiedTime(temp, FileTime.from(Fixtures.NOW.minus(Duration.ofMinutes(11))));
        new FileUserDataStore(directory, clock);
        assertFalse(Files.exists(temp));
        assertEquals(Optional.of("newer"), store.read("alice"));
    }

    @Test
    void compareAndSetWhenDirectoryMissingThenCreated() {
        UserDataStore store = new FileUserDataStore(directory.resolve("a/b"), clock);
        assertTrue(store.compareAndSet("alice", "", "x"));
        assertTrue(Files.isDirectory(directory.resolve("a/b")));
    }
}
