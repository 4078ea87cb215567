package io.github.twostep.internal.store;

import io.github.twostep.TwoStepException;
import io.github.twostep.internal.logging.Log;
import io.github.twostep.store.UserDataStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One file per user in a directory. A file is named by the hex SHA-256 of the UTF-8 username
 * plus {@code .twostep}, so no username reaches the file system (no traversal, fixed length,
 * any characters). Every username is a known user; a missing file is an empty comment.
 *
 * <p>A write goes to a fresh temp file in the same directory, is forced to disk, and atomically
 * renamed over the user's file, so a reader sees the old or the new comment, never a part, and
 * a crash mid-write leaves the old one. Compare-and-set holds a JVM lock (shared by every
 * instance in the JVM) and an OS lock on the user's {@code .lock} file, for other processes
 * sharing the directory. Temp files older than ten minutes, left by a crash, are removed when a
 * store is created.
 */
public final class FileUserDataStore implements UserDataStore {
    private static final Log LOG = Log.get(FileUserDataStore.class);
    private static final String SUFFIX = ".twostep";
    private static final String LOCK_SUFFIX = ".lock";
    private static final String TEMP_SUFFIX = ".tmp";
    static final Duration STALE_TEMP_AGE = Duration.ofMinutes(10);
    private static final ReentrantLock[] STRIPES = new ReentrantLock[64];
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new ReentrantLock();
        }
    }

    private final Path directory;

    /** A store in {@code directory}, created if missing. */
    public FileUserDataStore(Path directory) {
        this(directory, Clock.systemUTC());
    }

    /** As {@link #FileUserDataStore(Path)}, with the clock that judges temp files stale. */
    public FileUserDataStore(Path directory, Clock clock) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(clock, "clock");
        try {
            this.directory = Files.createDirectories(directory).toRealPath();
        } catch (IOException e) {
            throw new TwoStepException("cannot use user data directory " + directory, e);
        }
        removeStaleTempFiles(clock.instant().minus(STALE_TEMP_AGE));
    }

    @Override
    public Optional<String> read(String username) {
        return Optional.of(readFile(fileName(username)));
    }

    @Override
    public boolean compareAndSet(String username, String expected, String replacement) {
        Objects.requireNonNull(replacement, "replacement");
        String name = fileName(username);
        ReentrantLock jvmLock = STRIPES[Math.floorMod((directory + "/" + name).hashCode(), STRIPES.length)];
        jvmLock.lock();
        try (FileChannel lockFile = FileChannel.open(directory.resolve(name + LOCK_SUFFIX),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = lockFile.lock()) {
            if (!readFile(name).equals(expected == null ? "" : expected)) {
                return false;
            }
            write(name, replacement);
            return true;
        } catch (IOException e) {
            throw new TwoStepException("cannot write user data file of user '" + username + "'", e);
        } finally {
            jvmLock.unlock();
        }
    }

    /** The file name for a user's comment: hex SHA-256 of the UTF-8 name. */
    static String fileName(String username) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Usernames.requireValid(username).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private String readFile(String name) {
        try {
            return Files.readString(directory.resolve(name + SUFFIX), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new TwoStepException("cannot read user data file " + name + SUFFIX, e);
        }
    }

    private void write(String name, String text) throws IOException {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        Path temp = directory.resolve(name + "." + HexFormat.of().formatHex(random) + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(text);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temp, directory.resolve(name + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory();
    }

    /** Makes the rename itself durable where the platform allows syncing a directory. */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("directory {} cannot be synced on this platform", directory);
        }
    }

    private void removeStaleTempFiles(Instant staleBefore) {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, "*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                if (Files.getLastModifiedTime(temp).toInstant().isBefore(staleBefore)) {
                    Files.deleteIfExists(temp);
                    LOG.info("removed temp file {} left by an interrupted write", temp.getFileName());
                }
            }
        } catch (IOException e) {
            throw new TwoStepException("cannot list user data directory " + directory, e);
        }
    }
}
