package io.github.twostep.config;

import static io.github.twostep.config.SettingsFixtures.LOADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

class SettingsWatcherTest {

    @TempDir
    Path dir;

    private Path file;
    private final List<Settings> changes = new ArrayList<>();
    private final List<InvalidSettingsException> errors = new ArrayList<>();

    @BeforeEach
    void writeFile() throws IOException {
        file = Files.writeString(dir.resolve("twostep.json"), "{\"trustThisDevice\": 10}");
    }

    private SettingsWatcher watcher() {
        SettingsWatcher watcher = new SettingsWatcher(file, LOADER);
        watcher.onChange(changes::add);
        watcher.onError(errors::add);
        return watcher;
    }

    @Test
    void constructWhenFileInvalidThenRefusesToStart() throws IOException {
        Files.writeString(file, "{\"trustThisDevice\": -1}");
        assertThrows(InvalidSettingsException.class, () -> new SettingsWatcher(file, LOADER));
    }

    @Test
    void checkNowWhenFileUnchangedThenNothingHappens() {
        SettingsWatcher watcher = watcher();
        assertFalse(watcher.checkNow());
        assertEquals(10, watcher.current().trustThisDevice());
        assertEquals(List.of(), changes);
    }

    @Test
    void checkNowWhenFileChangedThenNewSettingsAndListenersTold() throws IOException {
        SettingsWatcher watcher = watcher();
        Files.writeString(file, "{\"trustThisDevice\": 20}");
        assertTrue(watcher.checkNow());
        assertEquals(20, watcher.current().trustThisDevice());
        assertEquals(List.of(watcher.current()), changes);
        assertFalse(watcher.checkNow());
        assertEquals(1, changes.size());
    }

    @Test
    void checkNowWhenOnlyFormattingChangedThenListenersNotTold() throws IOException {
        SettingsWatcher watcher = watcher();
        Files.writeString(file, "{ \"trustThisDevice\" : 10 }\n");
        assertFalse(watcher.checkNow());
        assertEquals(List.of(), changes);
    }

    @Test
    void checkNowWhenNewFileInvalidThenOldSettingsKeptAndErrorReportedOnce() throws IOException {
        SettingsWatcher watcher = watcher();
        Files.writeString(file, "{\"trustThisDevice\": 20, \"code\": {\"lenght\": 6}}");
        assertFalse(watcher.checkNow());
        assertFalse(watcher.checkNow());
        assertEquals(10, watcher.current().trustThisDevice());
        assertEquals(1, errors.size());
        assertEquals(List.of("$.code.lenght: unknown key; did you mean \"length\"?"), errors.get(0).problems());
        assertEquals(List.of(), changes);
    }

    @Test
    void checkNowWhenInvalidFileFixedThenReloaded() throws IOException {
        SettingsWatcher watcher = watcher();
        Files.writeString(file, "not json");
        watcher.checkNow();
        Files.writeString(file, "{\"trustThisDevice\": 30}");
        assertTrue(watcher.checkNow());
        assertEquals(30, watcher.current().trustThisDevice());
    }

    @Test
    void checkNowWhenFileDeletedThenOldSettingsKeptAndErrorReportedOnce() throws IOException {
        SettingsWatcher watcher = watcher();
        Files.delete(file);
        assertFalse(watcher.checkNow());
        assertFalse(watcher.checkNow());
        assertEquals(10, watcher.current().trustThisDevice());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).problems().get(0).endsWith("no such file"));
    }

    @Test
    void checkNowWhenListenerThrowsThenOtherListenersStillTold() throws IOException {
        SettingsWatcher watcher = new SettingsWatcher(file, LOADER);
        watcher.onChange(s -> {
            throw new IllegalStateException("listener bug");
        });
        watcher.onChange(changes::add);
        Files.writeString(file, "{\"trustThisDevice\": 40}");
        assertTrue(watcher.checkNow());
        assertEquals(1, changes.size());
    }

    @Test
    void startPollingWhenScheduledTaskRunsThenFileChecked() throws IOException {
        ScheduledExecutorService executor = mock(ScheduledExecutorService.class);
        SettingsWatcher watcher = watcher();
        watcher.startPolling(executor, Duration.ofSeconds(5));
        ArgumentCaptor<Runnable> task = ArgumentCaptor.forClass(Runnable.class);
        verify(executor).scheduleWithFixedDelay(task.capture(), eq(5000L), eq(5000L), eq(TimeUnit.MILLISECONDS));
        Files.writeString(file, "{\"trustThisDevice\": 50}");
        task.getValue().run();
        assertEquals(50, watcher.current().trustThisDevice());
        watcher.close();
        verify(executor).shutdownNow();
    }

    @Test
    void startPollingWhenAlreadyPollingThenRejected() {
        SettingsWatcher watcher = watcher();
        watcher.startPolling(mock(ScheduledExecutorService.class), Duration.ofSeconds(1));
        ScheduledExecutorService second = mock(ScheduledExecutorService.class);
        assertThrows(IllegalStateException.class, () -> watcher.startPolling(second, Duration.ofSeconds(1)));
        verify(second).shutdownNow();
        assertThrows(IllegalArgumentException.class,
                () -> watcher().startPolling(mock(ScheduledExecutorService.class), Duration.ZERO));
    }

    @Test
    void startPollingWhenRealExecutorThenRunsOnDaemonThread() {
        try (SettingsWatcher watcher = watcher()) {
            watcher.startPolling(Duration.ofHours(1));
            List<Thread> pollers = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("twostep-settings-watcher")).toList();
            assertFalse(pollers.isEmpty());
            assertTrue(pollers.stream().allMatch(Thread::isDaemon));
        }
    }

    @Test
    void closeWhenPollingThenThePollingThreadHasEndedOnReturn() {
        SettingsWatcher watcher = watcher();
        ScheduledExecutorService poller = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        watcher.startPolling(poller, Duration.ofMillis(1));

        watcher.close();

        assertTrue(poller.isTerminated(), "no watcher thread outlives close(): a container reports one as a leak");
    }
}
