package io.github.twostep.config;

import io.github.twostep.internal.logging.Log;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Keeps the settings of one file current. {@link #checkNow()} reloads the file when its content
 * changed; {@link #startPolling(Duration)} does so in the background. An invalid or unreadable
 * new file keeps the previous settings, is logged, and goes to the error listeners once.
 * Files named in <code>${file:}</code> references are read again only when the settings file
 * itself changes.
 */
public final class SettingsWatcher implements AutoCloseable {

    private static final Log LOG = Log.get(SettingsWatcher.class);
    /** Stands for the content of a file that could not be read. */
    private static final String UNREADABLE = "unreadable";

    private final Path file;
    private final SettingsLoader loader;
    private final UnaryOperator<Settings> adapt;
    private final AtomicReference<Settings> current = new AtomicReference<>();
    private final List<Consumer<Settings>> changeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<InvalidSettingsException>> errorListeners = new CopyOnWriteArrayList<>();
    private String lastSeen;
    private static final int CLOSE_WAIT_SECONDS = 5;
    private ScheduledExecutorService poller;

    /**
     * Loads the file at once.
     *
     * @throws InvalidSettingsException when the file cannot be read or is invalid
     */
    public SettingsWatcher(Path file, SettingsLoader loader) {
        this(file, loader, UnaryOperator.identity());
    }

    /**
     * Loads the file at once; every settings it reads, now and at each reload, pass through
     * {@code adapt} first (an application that fills in what only it knows, such as the address
     * it listens on).
     *
     * @throws InvalidSettingsException when the file cannot be read or is invalid
     */
    public SettingsWatcher(Path file, SettingsLoader loader, UnaryOperator<Settings> adapt) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.loader = Objects.requireNonNull(loader, "loader");
        this.adapt = Objects.requireNonNull(adapt, "adapt");
        byte[] content = SettingsLoader.read(this.file);
        current.set(load(content));
        lastSeen = fingerprint(content);
    }

    /** The last valid settings. */
    public Settings current() {
        return current.get();
    }

    /** Calls {@code listener} with the new settings after each successful reload that changed them. */
    public void onChange(Consumer<Settings> listener) {
        changeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Calls {@code listener} when a changed file cannot be read or is invalid. */
    public void onError(Consumer<InvalidSettingsException> listener) {
        errorListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Reads the file and, when its content differs from the last content seen, reloads it.
     *
     * @return true when new, different settings took effect
     */
    public synchronized boolean checkNow() {
        byte[] content;
        try {
            content = SettingsLoader.read(file);
        } catch (InvalidSettingsException e) {
            if (UNREADABLE.equals(lastSeen)) {
                return false;
            }
            lastSeen = UNREADABLE;
            return failed(e);
        }
        String fingerprint = fingerprint(content);
        if (fingerprint.equals(lastSeen)) {
            return false;
        }
        lastSeen = fingerprint;
        Settings loaded;
        try {
            loaded = load(content);
        } catch (InvalidSettingsException e) {
            return failed(e);
        }
        Settings previous = current.getAndSet(loaded);
        if (loaded.equals(previous)) {
            return false;
        }
        LOG.info("Settings reloaded from {}", file);
        changeListeners.forEach(listener -> notify(listener, loaded));
        return true;
    }

    /** Checks the file every {@code interval} on a daemon thread until {@link #close()}. */
    public void startPolling(Duration interval) {
        startPolling(Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "twostep-settings-watcher");
            thread.setDaemon(true);
            return thread;
        }), interval);
    }

    /** As {@link #startPolling(Duration)} on the given executor, which the watcher then owns. */
    synchronized void startPolling(ScheduledExecutorService executor, Duration interval) {
        Objects.requireNonNull(executor, "executor");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        if (poller != null) {
            executor.shutdownNow();
            throw new IllegalStateException("already polling");
        }
        poller = executor;
        long millis = interval.toMillis();
        poller.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops polling and waits (a few seconds at most) for a check under way to end, so that no
     * thread of the watcher outlives it: a container undeploying the application would report
     * it as a leak.
     */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = poller;
            poller = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdownNow();
        try {
            if (!stopping.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("The settings watcher did not stop within {} s", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkQuietly() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            LOG.error("Checking settings file {} failed; keeping the current settings", file, e);
        }
    }

    private Settings load(byte[] content) {
        return adapt.apply(loader.load(content, file.toString(), file.getParent()));
    }

    private boolean failed(InvalidSettingsException e) {
        LOG.error("{}; keeping the previous settings", e.getMessage());
        errorListeners.forEach(listener -> notify(listener, e));
        return false;
    }

    private static <T> void notify(Consumer<T> listener, T value) {
        try {
            listener.accept(value);
        } catch (RuntimeException e) {
            LOG.warn("A settings listener failed", e);
        }
    }

    private static String fingerprint(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
