package io.github.twostep.internal.store;

import io.github.twostep.TwoStepException;
import io.github.twostep.store.AttemptLedger;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link AttemptLedger} in one file, {@value #FILE}, of the file store's directory: a line per
 * entry ({@code key TAB value TAB expires-epoch-second}). A write holds a JVM lock and an OS
 * lock on {@value #LOCK}, drops expired entries, and replaces the file by an atomic rename, so
 * readers see the old or the new ledger and processes sharing the directory count together.
 * It holds at most {@value #MAX_ENTRIES} entries; when full, the half that expires soonest goes.
 */
public final class FileAttemptLedger implements AttemptLedger {
    static final String FILE = "attempts.twostep-ledger";
    static final String LOCK = "attempts.lock";
    static final int MAX_ENTRIES = 10_000;
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(String value, long expires) {
    }

    private final Path directory;
    private final Clock clock;

    public FileAttemptLedger(Path directory, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.directory = Files.createDirectories(Objects.requireNonNull(directory, "directory")).toRealPath();
        } catch (IOException e) {
            throw new TwoStepException("cannot use directory " + directory + " for the attempt ledger", e);
        }
    }

    @Override
    public Optional<String> read(String key) {
        return Optional.ofNullable(load().get(key)).map(Entry::value);
    }

    @Override
    public boolean compareAndSet(String key, String expected, String replacement, Instant expires) {
        check(key, replacement);
        JVM_LOCK.lock();
        try (FileChannel lockFile = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock ignored = lockFile.lock()) {
            Map<String, Entry> entries = load();
            Entry entry = entries.get(key);
            if (!Objects.equals(entry == null ? null : entry.value(), expected)) {
                return false;
            }
            long now = clock.instant().getEpochSecond();
            entries.values().removeIf(e -> e.expires() < now);
            if (entries.size() >= MAX_ENTRIES && !entries.containsKey(key)) {
                entries.entrySet().stream().sorted(Comparator.comparingLong(e -> e.getValue().expires()))
                        .limit(entries.size() / 2).map(Map.Entry::getKey).toList().forEach(entries::remove);
            }
            entries.put(key, new Entry(replacement, expires.getEpochSecond()));
            write(entries);
            return true;
        } catch (IOException e) {
            throw new TwoStepException("cannot write the attempt ledger in " + directory, e);
        } finally {
            JVM_LOCK.unlock();
        }
    }

    private static void check(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "replacement");
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || value.length() > MAX_VALUE_LENGTH
                || (key + value).chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("a ledger key or value is too long or holds a tab or line break");
        }
    }

    private Map<String, Entry> load() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        String text;
        try {
            text = Files.readString(directory.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return entries;
        } catch (IOException e) {
            throw new TwoStepException("cannot read the attempt ledger in " + directory, e);
        }
        for (String line : text.split("\n")) {
            String[] parts = line.split("\t", -1);
            if (parts.length == 3) {
                try {
                    entries.put(parts[0], new Entry(parts[1], Long.parseLong(parts[2])));
                } catch (NumberFormatException e) {
                    // a damaged line counts as no entry
                }
            }
        }
        return entries;
    }

    private void write(Map<String, Entry> entries) throws IOException {
        StringBuilder text = new StringBuilder();
        entries.forEach((key, e) -> text.append(key).append('\t').append(e.value()).append('\t').append(e.expires())
                .append('\n'));
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        Path temp = directory.resolve(FILE + "." + HexFormat.of().formatHex(random) + ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Files.move(temp, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
